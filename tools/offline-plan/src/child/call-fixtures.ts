// A project can answer data sources the AWS mocks do not know, or override their answers, with a
// fixture file next to its Pulumi.yaml:
//
//   offline-plan.fixtures.json
//   { "calls": { "aws:ec2/getAmi:getAmi": { "id": "ami-0abc...", "architecture": "arm64" } } }
//
// Each result is returned as-is for every call of that function token.
import { readFileSync } from "node:fs";

export const FIXTURE_FILE = "offline-plan.fixtures.json";

type CallResult = (inputs: Record<string, unknown>) => Record<string, unknown>;

export function loadCallFixtures(file: string): Record<string, CallResult> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(
      `${file} is not valid JSON (${(err as Error).message}). Expected { "calls": { "<function token>": { ...result } } }.`,
    );
  }
  const calls = (doc as { calls?: unknown })?.calls;
  if (typeof calls !== "object" || calls === null || Array.isArray(calls)) {
    throw new Error(`${file} needs a \`calls\` object: { "calls": { "<function token>": { ...result } } }.`);
  }
  const results: Record<string, CallResult> = {};
  for (const [token, result] of Object.entries(calls)) {
    if (typeof result !== "object" || result === null || Array.isArray(result)) {
      throw new Error(`${file}: the result for \`${token}\` must be an object (got ${JSON.stringify(result)}).`);
    }
    results[token] = () => result as Record<string, unknown>;
  }
  return results;
}
