/**
 * What the pack costs beyond the analyzer protocol itself. In one run it starts fargate-guard and a
 * pack with no rules (bench/empty-pack) the same way, as the Pulumi CLI starts a pack, and sends both
 * the same synthetic stack:
 *
 *   npx tsx policies/fargate-guard/bench/bench.ts [--resources 5000] [--stack-runs 3] [--cpu-prof <dir>] [--json]
 *
 * Each resource goes to the empty pack and then to fargate-guard, one call at a time, so both see the
 * same machine load (the bench machine is shared). Then `analyzeStack` with all resources, alternating,
 * `--stack-runs` times. Reports mean and p99 `analyze` latency and mean `analyzeStack` time for both,
 * and their ratios (fargate-guard / empty). `--cpu-prof <dir>` writes both packs' CPU profiles there
 * (`node --cpu-prof`). A benchmark, not a test: nothing fails on a slow machine.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { parsePolicyConfig, startPolicyPack, type AnalyzerResource, type RunningPack } from "@platform/policy-analyzer";
import { toAnalyzerResource } from "../test/support/requests";
import { syntheticStack } from "./synthetic-stack";

const PACK_DIR = path.resolve(__dirname, "..");
const EMPTY_PACK_DIR = path.join(__dirname, "empty-pack");

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

async function measure(
  packs: RunningPack[],
  resources: AnalyzerResource[],
  stackRuns: number,
  log: (line: string) => void,
) {
  const samples: Samples[] = packs.map(() => ({ analyze: [], analyzeStack: [], findings: 0, stackFindings: 0 }));
  for (const [index, resource] of resources.entries()) {
    for (const [i, pack] of packs.entries())
      samples[i]!.findings += (await timed(samples[i]!.analyze, () => pack.analyze(resource))).length;
    if ((index + 1) % 1000 === 0) log(`  analyze: ${index + 1}/${resources.length}`);
  }
  for (let run = 0; run < stackRuns; run++) {
    for (const [i, pack] of packs.entries()) {
      samples[i]!.stackFindings = (await timed(samples[i]!.analyzeStack, () => pack.analyzeStack(resources))).length;
    }
  }
  return samples.map(summary);
}

async function main(): Promise<void> {
  const count = option("resources", 5000);
  const stackRuns = option("stack-runs", 3);
  const asJson = process.argv.includes("--json");
  const log = (line: string) => (asJson ? process.stderr : process.stdout).write(`${line}\n`);

  const resources = syntheticStack(count).map(toAnalyzerResource);
  log("Starting fargate-guard and the empty pack with run-policy-pack…");
  const startedAt = performance.now();
  const profileDir = stringOption("cpu-prof");
  const nodeArgs = profileDir ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(profileDir)] : [];
  const [guard, empty] = await Promise.all([
    startPolicyPack(PACK_DIR, { nodeArgs }),
    startPolicyPack(EMPTY_PACK_DIR, { nodeArgs }),
  ]);
  const startupMs = performance.now() - startedAt;
  try {
    const prod = path.join(PACK_DIR, "config/prod.json");
    await guard.configureFromFile(parsePolicyConfig(JSON.parse(fs.readFileSync(prod, "utf8")), prod), prod);
    await empty.configureFromFile({}, "(no config file)");
    const [pack, floor] = await measure([guard, empty], resources, stackRuns, log);
    const ratio = (key: "analyzeMeanMs" | "analyzeP99Ms" | "analyzeStackMeanMs") => round(pack![key] / floor![key]);
    const result = {
      command: `npx tsx policies/fargate-guard/bench/bench.ts --resources ${count} --stack-runs ${stackRuns}`,
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}`,
      resources: count,
      startupMs: round(startupMs),
      fargateGuard: pack!,
      emptyPack: floor!,
      ratio: {
        analyzeMean: ratio("analyzeMeanMs"),
        analyzeP99: ratio("analyzeP99Ms"),
        analyzeStack: ratio("analyzeStackMeanMs"),
      },
    };
    if (asJson) console.log(JSON.stringify(result, null, 2));
    else {
      log(`\n${result.command}\n${result.machine}\nboth packs started in ${result.startupMs} ms`);
      log("                 analyze mean   analyze p99   analyzeStack   findings (analyze + stack)");
      for (const [label, s] of [
        ["fargate-guard", pack!],
        ["empty pack", floor!],
      ] as const) {
        const cells = [`${s.analyzeMeanMs} ms`, `${s.analyzeP99Ms} ms`, `${s.analyzeStackMeanMs} ms`];
        log(`${label.padEnd(17)}${cells.map((c) => c.padEnd(15)).join("")}${s.findings} + ${s.stackFindings}`);
      }
      log(
        `${"ratio".padEnd(17)}${[result.ratio.analyzeMean, result.ratio.analyzeP99, result.ratio.analyzeStack].map((r) => `${r}`.padEnd(15)).join("")}`,
      );
    }
  } finally {
    await Promise.all([guard.close(), empty.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
