// `npm start -- --state <file>`: the policy packs judge a stack's exported state instead of a program's plan,
// as `pulumi policy analyze --file` does (pulumi/pulumi pkg/resource/deploy/analyze_snapshot.go,
// AnalyzeSnapshot): every resource not pending deletion, external ones (StackReferences, `.get`) included, goes
// to Analyze with its stored inputs and its provider's inputs, then all of them to AnalyzeStack with their outputs.
import * as path from "node:path";
import { ALL_ENVIRONMENTS, UsageError, type PlanArgs } from "../args";
import type { AnalyzedResource } from "../pack/policy-pack";
import { packSpecs, sharedRun, type Progress } from "../plan";
import { plural } from "../report/verdict";
import type { CommandRun } from "../run/run-command";
import { fullyQualifiedName, type StackResult } from "../types";
import { readStateFile } from "./state-file";

export async function analyzeStates(args: PlanArgs, root: string, progress: Progress): Promise<CommandRun> {
  const refused = [
    ...(args.env === ALL_ENVIRONMENTS ? ["--env all (a state belongs to one environment: name it)"] : []),
    ...(args.diff !== undefined ? ["--diff"] : []),
    ...(args.projects.length ? ["--project"] : []),
  ];
  if (refused.length) {
    throw new UsageError(`--state judges exported state and runs no program, so it takes no ${refused.join(", ")}.`);
  }
  const states = args.stateFiles.map(readStateFile);
  const warnings: string[] = [];
  const shared = sharedRun(root);
  try {
    const packs = packSpecs(args, args.env, root, warnings).map((spec) => shared.packs.get(spec));
    for (const warning of warnings) progress(`warning: ${warning}`);
    const stacks = await Promise.all(
      states.map(async (state): Promise<StackResult> => {
        const started = Date.now();
        const providers = new Map(state.resources.map((r) => [r.urn, r]));
        const whole: AnalyzedResource[] = state.resources.map((resource) => ({
          resource,
          // A provider reference is `<provider urn>::<id>`; only custom resources have one.
          provider: resource.provider
            ? providers.get(resource.provider.slice(0, resource.provider.lastIndexOf("::")))
            : undefined,
        }));
        const perResource = whole.flatMap((resource) => packs.map((pack) => pack.analyze(resource)));
        const violations = (await Promise.all(perResource)).flat();
        for (const found of await Promise.all(
          packs.map((pack) => pack.analyzeStack(whole, fullyQualifiedName(state.identity))),
        ))
          violations.push(...found);
        progress(
          `  ✓ ${path.relative(process.cwd(), state.file) || state.file}: ${plural(whole.length, "resource")} judged`,
        );
        return {
          identity: state.identity,
          projectDir: path.dirname(state.file),
          stackFile: null,
          resources: state.resources,
          violations,
          error: null,
          output: "",
          durationMs: Date.now() - started,
        };
      }),
    );
    const totalMs = Date.now() - shared.startedAt;
    const analysisMs = packs.reduce((sum, p) => sum + p.analysisMs, 0);
    const head = {
      env: args.env,
      warnings,
      stacks,
      packs: packs.map((p) => p.result()),
      timings: {
        totalMs,
        programsMs: 0,
        packsReadyMs: Math.max(0, ...packs.map((p) => p.readyAfterMs)),
        analysisMs,
        policyTailMs: totalMs,
      },
    };
    return { environments: [{ head }], packsStarted: shared.packs.started, totalMs };
  } finally {
    await shared.packs.stopAll();
  }
}
