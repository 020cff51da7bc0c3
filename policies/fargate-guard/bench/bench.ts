/**
 * What the pack costs beyond the analyzer protocol itself. In one run it starts three packs the same
 * way, as the Pulumi CLI starts a pack, and sends them the same synthetic stack:
 *
 *   - fargate-guard;
 *   - bench/empty-pack, no rules: the protocol floor;
 *   - bench/no-op-pack, fargate-guard's rules with checks that do nothing: what @pulumi/policy costs for
 *     a pack of this shape, which the rules' own code cannot go below.
 *
 *   npx tsx policies/fargate-guard/bench/bench.ts [--resources 5000] [--stack-runs 3] [--cpu-prof <dir>] [--json]
 *
 * Each resource goes to every pack in turn (a different one first each time), one call at a time, so all see the same machine load (the
 * bench machine is shared). Then `analyzeStack` with all resources, in turn, `--stack-runs` times.
 * Reports mean and p99 `analyze` latency and mean `analyzeStack` time for each, the ratios of
 * fargate-guard and of the no-op pack to the empty pack, and of fargate-guard to the no-op pack: the cost of the
 * rules' own work, the figure the pack's goal (at most 1.3× for `analyze`) is about. `--cpu-prof <dir>` writes the
 * packs' CPU profiles there (`node --cpu-prof`). A benchmark, not a test: nothing fails on a slow machine. What a
 * start costs: bench/start-bench.ts.
 */
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { readPackConfigFile } from "@platform/config-files/pack-config-file";
import { startPolicyPack, type AnalyzerResource, type RunningPack } from "@platform/policy-analyzer";
import { toAnalyzerResource } from "../test/support/requests";
import { syntheticStack } from "./synthetic-stack";

const PACK_DIR = path.resolve(__dirname, "..");
const EMPTY_PACK_DIR = path.join(__dirname, "empty-pack");
const NO_OP_PACK_DIR = path.join(__dirname, "no-op-pack");

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index < 0 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} takes a positive whole number, got ${process.argv[index + 1]}`);
  return value;
}

function stringOption(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const mean = (values: readonly number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;
const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

interface Samples {
  analyze: number[];
  analyzeStack: number[];
  findings: number;
  stackFindings: number;
}

async function timed<T>(samples: number[], call: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  const result = await call();
  samples.push(performance.now() - startedAt);
  return result;
}

function summary(samples: Samples) {
  const sorted = [...samples.analyze].sort((a, b) => a - b);
  return {
    analyzeMeanMs: round(mean(sorted), 3),
    analyzeP50Ms: round(percentile(sorted, 50), 3),
    analyzeP99Ms: round(percentile(sorted, 99), 3),
    analyzeStackMeanMs: round(mean(samples.analyzeStack)),
    findings: samples.findings,
    stackFindings: samples.stackFindings,
  };
}

/** Pack indexes for call `call`, starting one further each time: no pack always goes first (or last). */
const inTurn = (count: number, call: number) => Array.from({ length: count }, (_, i) => (call + i) % count);

async function measure(
  packs: RunningPack[],
  resources: AnalyzerResource[],
  stackRuns: number,
  log: (line: string) => void,
) {
  const samples: Samples[] = packs.map(() => ({ analyze: [], analyzeStack: [], findings: 0, stackFindings: 0 }));
  for (const [index, resource] of resources.entries()) {
    for (const i of inTurn(packs.length, index))
      samples[i]!.findings += (await timed(samples[i]!.analyze, () => packs[i]!.analyze(resource))).length;
    if ((index + 1) % 1000 === 0) log(`  analyze: ${index + 1}/${resources.length}`);
  }
  for (let run = 0; run < stackRuns; run++) {
    for (const i of inTurn(packs.length, run))
      samples[i]!.stackFindings = (
        await timed(samples[i]!.analyzeStack, () => packs[i]!.analyzeStack(resources))
      ).length;
  }
  return samples.map(summary);
}

async function main(): Promise<void> {
  const count = option("resources", 5000);
  const stackRuns = option("stack-runs", 3);
  const asJson = process.argv.includes("--json");
  const log = (line: string) => (asJson ? process.stderr : process.stdout).write(`${line}\n`);

  const resources = syntheticStack(count).map(toAnalyzerResource);
  log("Starting fargate-guard, the empty pack and the no-op pack with run-policy-pack…");
  const startedAt = performance.now();
  const profileDir = stringOption("cpu-prof");
  const nodeArgs = profileDir
    ? [
        "--cpu-prof",
        "--cpu-prof-dir",
        path.resolve(profileDir),
        "--require",
        path.join(__dirname, "exit-on-sigterm.js"),
      ]
    : [];
  const [guard, empty, noOp] = await Promise.all(
    [PACK_DIR, EMPTY_PACK_DIR, NO_OP_PACK_DIR].map((dir) => startPolicyPack(dir, { nodeArgs })),
  );
  const startupMs = performance.now() - startedAt;
  try {
    const prod = path.join(PACK_DIR, "config/prod.json");
    const prodConfig = readPackConfigFile(prod).settings;
    // The no-op pack gets the same config, so the same policies run at the same levels.
    await Promise.all([guard!.configureFromFile(prodConfig, prod), noOp!.configureFromFile(prodConfig, prod)]);
    await empty!.configureFromFile({}, "(no config file)");
    const [pack, floor, shape] = await measure([guard!, empty!, noOp!], resources, stackRuns, log);
    const ratios = (s: ReturnType<typeof summary>, base = floor!) => ({
      analyzeMean: round(s.analyzeMeanMs / base.analyzeMeanMs),
      analyzeP99: round(s.analyzeP99Ms / base.analyzeP99Ms),
      analyzeStack: round(s.analyzeStackMeanMs / base.analyzeStackMeanMs),
    });
    const result = {
      command: `npx tsx policies/fargate-guard/bench/bench.ts --resources ${count} --stack-runs ${stackRuns}`,
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}`,
      resources: count,
      startupMs: round(startupMs),
      fargateGuard: pack!,
      emptyPack: floor!,
      noOpPack: shape!,
      /** fargate-guard / empty pack: the pack's cost over the protocol floor. */
      ratio: ratios(pack!),
      /** no-op pack / empty pack: the part of that ratio the SDK takes for a pack of this shape. */
      noOpRatio: ratios(shape!),
      /** fargate-guard / no-op pack, both started the same way and sent the same mix in the same run. */
      overNoOp: ratios(pack!, shape),
    };
    if (asJson) console.log(JSON.stringify(result, null, 2));
    else {
      log(`\n${result.command}\n${result.machine}\npacks started in ${result.startupMs} ms`);
      log("                 analyze mean   analyze p99   analyzeStack   findings (analyze + stack)");
      const row = (label: string, cells: readonly (string | number)[], tail = "") =>
        log(`${label.padEnd(17)}${cells.map((c) => `${c}`.padEnd(15)).join("")}${tail}`);
      for (const [label, s] of [
        ["fargate-guard", pack!],
        ["empty pack", floor!],
        ["no-op pack", shape!],
      ] as const) {
        row(
          label,
          [`${s.analyzeMeanMs} ms`, `${s.analyzeP99Ms} ms`, `${s.analyzeStackMeanMs} ms`],
          `${s.findings} + ${s.stackFindings}`,
        );
      }
      const { ratio, noOpRatio, overNoOp } = result;
      row("ratio", [ratio.analyzeMean, ratio.analyzeP99, ratio.analyzeStack], "fargate-guard / empty pack");
      row(
        "no-op ratio",
        [noOpRatio.analyzeMean, noOpRatio.analyzeP99, noOpRatio.analyzeStack],
        "no-op pack / empty pack",
      );
      row(
        "over no-op",
        [overNoOp.analyzeMean, overNoOp.analyzeP99, overNoOp.analyzeStack],
        "fargate-guard / no-op pack",
      );
    }
  } finally {
    await Promise.all([guard, empty, noOp].map((pack) => pack!.close()));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
