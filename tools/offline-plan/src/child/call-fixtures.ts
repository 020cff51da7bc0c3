// A project answers data sources the AWS mocks do not know, or overrides their answers, with a fixtures file
// beside its Pulumi.yaml (tools/offline-plan/README.md, "Data sources"):
//
//   # offline-plan.fixtures.yaml
//   calls:
//     aws:rds/getInstance:getInstance:            # one answer for every call of this function
//       address: main.abc123.eu-west-1.rds.amazonaws.com
//     aws:ssm/getParameter:getParameter:          # or answers by arguments: the first whose args all match
//       - args: { name: /app/image-tag }
//         result: { value: "1.4.2", type: String }
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { parse } from "yaml";
import { z } from "zod";
import { UnansweredCallError } from "@platform/aws-mocks";

export const FIXTURE_FILE = "offline-plan.fixtures.yaml";

/** The allowed shape, as every error about the file states it. */
const SHAPE =
  "calls: { <function token, e.g. aws:ssm/getParameter:getParameter>: { <result> } | [ { args: { <argument>: <value> }, result: { <result> } } ] }";

type CallResult = (inputs: Record<string, unknown>) => Record<string, unknown>;

const result = z.record(z.string(), z.unknown(), { error: "must be an object of result properties" });
const schema = z
  .object({
    calls: z.record(
      z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9/_.-]*:[A-Za-z0-9_]+$/, { error: "is not a function token" }),
      z.union([z.array(z.object({ args: z.record(z.string(), z.unknown()).default({}), result }).strict()), result], {
        error: "must be a result object, or a list of { args, result }",
      }),
    ),
  })
  .strict();

export function loadCallFixtures(file: string): Record<string, CallResult> {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${file} is not valid YAML (${(err as Error).message.split("\n")[0]}). Its shape: ${SHAPE}.`);
  }
  const parsed = schema.safeParse(doc ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.map(String).join(".") || "(the top level)";
    throw new Error(`${file}: \`${key}\` ${issue.message}. Its shape: ${SHAPE}.`);
  }
  const results: Record<string, CallResult> = {};
  for (const [token, answer] of Object.entries(parsed.data.calls)) {
    results[token] = Array.isArray(answer)
      ? (inputs) => {
          const match = answer.find(({ args }) =>
            Object.entries(args).every(([k, v]) => isDeepStrictEqual(inputs[k], v)),
          );
          if (!match) throw new UnansweredCallError(token, inputs);
          return match.result;
        }
      : () => answer;
  }
  return results;
}

/** The one line an unanswered call is reported as: the call, where the program made it, and where to answer it. */
export function unansweredCallMessage(
  error: UnansweredCallError,
  site: string | undefined,
  fixtureFile: string,
): string {
  const where = site ? ` (called at ${site})` : "";
  return (
    `${error.message}${where}. Fix: answer it in ${fixtureFile}, e.g. ` +
    `\`calls: { "${error.token}": { <the result's properties> } }\` (tools/offline-plan/README.md, "Data sources").`
  );
}
