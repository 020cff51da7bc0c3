// `pulumi destroy`, refused while a stack that reads this one still has resources. A raw destroy of networking
// with services up deletes the listeners, and every service's rule with them: each service is down, and the ALB's
// own deletion protection comes too late. The nx `destroy` target and the README's command both run through here.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { readPulumiProjectFile } from "@platform/config-files/pulumi-project-file";
import { UPSTREAM_PROJECTS } from "@platform/contracts/stacks";
import { dependentsOf } from "./stack-graph";

/** A stack of a reading project that still has resources; `resources` undefined when the backend did not say. */
interface Blocking {
  readonly reader: string;
  readonly stack: string;
  readonly resources: number | undefined;
}

/** One entry of `pulumi stack ls --json` (pulumi/pulumi pkg/cmd/pulumi/stack/stack_list.go, stackSummaryJSON). */
interface StackSummary {
  readonly name: string;
  readonly resourceCount?: number;
}

type Run = (args: readonly string[]) => { status: number | null; stdout: string; stderr: string };

/** Exit codes: 0 destroyed (pulumi's own code otherwise), 1 refused, 2 no stack named. */
export function main(args: readonly string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): number {
  const stack = stackOf(args);
  if (stack === undefined) {
    process.stderr.write("Name the stack to destroy: --stack <org>/<project>/<env> (or --stack <env>).\n");
    return 2;
  }
  const project = readPulumiProjectFile(join(cwd, "Pulumi.yaml"), "Pulumi.yaml").name;
  const run: Run = (pulumiArgs) => {
    const result = spawnSync("pulumi", pulumiArgs, { cwd, env, encoding: "utf8" });
    return { status: result.error ? null : result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
  };
  const refusal = refusalFor(project, stack, run);
  if (refusal !== undefined) {
    process.stderr.write(`${refusal}\n`);
    return 1;
  }
  return spawnSync("pulumi", ["destroy", ...args], { cwd, env, stdio: "inherit" }).status ?? 1;
}

/** The `--stack` (`-s`) value of pulumi's arguments. */
function stackOf(args: readonly string[]): string | undefined {
  for (const [index, arg] of args.entries()) {
    if (arg === "--stack" || arg === "-s") return args[index + 1];
    if (arg.startsWith("--stack=")) return arg.slice("--stack=".length);
  }
  return undefined;
}

/** Why `stack` of `project` may not be destroyed now, or undefined when nothing reads it any more. */
export function refusalFor(project: string, stack: string, run: Run): string | undefined {
  const parts = stack.split("/");
  const env = parts.at(-1)!;
  const org = parts.length === 3 ? parts[0] : undefined;
  const readers = dependentsOf(UPSTREAM_PROJECTS, project);
  const blocking: Blocking[] = [];
  for (const reader of readers) {
    const listed = run(["stack", "ls", "--project", reader, "--json", ...(org ? ["--organization", org] : [])]);
    const summaries = listed.status === 0 ? parseSummaries(listed.stdout) : undefined;
    if (summaries === undefined) {
      return (
        `Refusing to destroy ${stack}: could not list the stacks of ${reader}, which reads ${project} ` +
        `(\`pulumi stack ls --project ${reader}\`: ${listed.stderr.trim() || "no answer"}). Log in to the backend ` +
        `that holds them and run this again.`
      );
    }
    for (const summary of summaries) {
      if (summary.name !== env && !summary.name.endsWith(`/${env}`)) continue;
      if (summary.resourceCount === 0) continue; // destroyed, only its empty stack is left
      const name = summary.name.includes("/") ? summary.name : `${org ? `${org}/` : ""}${reader}/${env}`;
      blocking.push({ reader, stack: name, resources: summary.resourceCount });
    }
  }
  if (!blocking.length) return undefined;
  const listed = blocking.map(
    (b) => `  - ${b.stack} (${b.resources === undefined ? "resource count unknown" : `${b.resources} resources`})`,
  );
  const first = blocking.map((b) => `npx nx run ${b.reader}:destroy:${env}`);
  return [
    `Refusing to destroy ${project} (stack ${stack}): these stacks read it and still have resources:`,
    ...listed,
    `Their services run on what ${project} holds (for networking, the ALB's listeners, which carry every service's ` +
      `rule; for registry-access, the execution role and the registry secrets every task pulls with), so destroying ` +
      `it now would take each of them down.`,
    `Fix: destroy them first (${[...new Set(first)].join(", ")}), then run this again. A stack destroyed earlier ` +
      `counts once it reports 0 resources; \`pulumi stack rm\` removes one that does not.`,
  ].join("\n");
}

function parseSummaries(text: string): StackSummary[] | undefined {
  try {
    const parsed = JSON.parse(text || "[]") as unknown;
    if (!Array.isArray(parsed)) return undefined;
    return parsed.filter((s): s is StackSummary => typeof (s as StackSummary | null)?.name === "string");
  } catch {
    return undefined;
  }
}
