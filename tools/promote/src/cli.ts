// `npm run promote -- ...`: exit 0 promoted or nothing to do, 1 refused by the plan, 2 bad input.
import { redactTokens } from "@platform/config/secret-values";
import { DockerConfigError } from "@platform/registry-client";
import { InputError, parsePromoteArgs, USAGE } from "./args";
import { promote, type Planner, type PromotionResult } from "./promote";

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: Output = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** `planner`: how the target environment is planned with the candidate: the offline plan unless a caller gives another. */
export async function main(argv: string[], given: Output = processOutput, planner?: Planner): Promise<number> {
  // Every line goes out with token-looking text replaced, whatever input a message quotes.
  const out: Output = {
    stdout: (text) => given.stdout(redactTokens(text)),
    stderr: (text) => given.stderr(redactTokens(text)),
  };
  try {
    const args = parsePromoteArgs(argv);
    if (args.help) {
      out.stdout(USAGE);
      return 0;
    }
    const result = await promote(args, (line) => out.stderr(`${line}\n`), planner);
    if (args.json) out.stdout(`${JSON.stringify(jsonOf(result), null, 2)}\n`);
    else out.stdout(textOf(result, args.dryRun));
    return result.plan === null || result.plan.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof DockerConfigError) {
      out.stderr(`promote: ${error.message}\n`);
      return 2;
    }
    if (!(error instanceof InputError)) throw error;
    out.stderr(`promote: ${error.message}\n`);
    return 2;
  }
}

function jsonOf(result: PromotionResult) {
  const { service, stackFilePath, from, to, image, previousImage, changed, plan, written, diff, deployed } = result;
  return { service, stackFile: stackFilePath, from, deployed, to, image, previousImage, changed, written, plan, diff };
}

function textOf(result: PromotionResult, dryRun: boolean): string {
  if (result.plan === null) {
    return `${result.service} in ${result.to} already runs ${result.image}: nothing to do, nothing written.\n`;
  }
  const lines = [result.diff.trimEnd(), ""];
  const { plan } = result;
  for (const v of plan.violations) {
    lines.push(`  [${v.enforcementLevel}] ${v.stack} ${v.policyPack}/${v.policyName}: ${v.message}`);
  }
  for (const e of plan.errors) lines.push(`  error: ${e}`);
  if (!plan.ok) {
    lines.push(
      `Plan of ${result.to} FAILED with ${result.service}'s new image: ${result.stackFile} is left unchanged.`,
    );
  } else if (dryRun) {
    lines.push(`Plan of ${result.to} passes with ${result.service}'s new image. Dry run: nothing written.`);
  } else {
    lines.push(`Plan of ${result.to} passes. Wrote ${result.image} to ${result.stackFile}.`);
  }
  return `${lines.join("\n")}\n`;
}
