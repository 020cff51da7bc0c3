/**
 * Throughput and latency of the pack over the analyzer protocol, against the pack process started
 * as the Pulumi CLI starts it:
 *
 *   npx tsx policies/fargate-guard/bench/bench.ts [--resources 5000] [--concurrency 1] [--json]
 *
 * Sends configure (config/prod.json), one `analyze` per resource of a synthetic stack, then one
 * `analyzeStack` with all of them. Reports resources per second and the p50/p99 latency of an
 * `analyze` call. A benchmark, not a test: nothing fails on a slow machine.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { PACK_DIR, startPackProcess } from "../test/support/pack-process";
import { syntheticStack } from "./synthetic-stack";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index < 0 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number, got ${process.argv[index + 1]}`);
  return value;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (value: number) => Math.round(value * 100) / 100;

async function main(): Promise<void> {
  const count = option("resources", 5000);
  const concurrency = option("concurrency", 1);
  const asJson = process.argv.includes("--json");
  const log = (line: string) => (asJson ? process.stderr : process.stdout).write(`${line}\n`);

  const resources = syntheticStack(count);
  log(`Starting the pack with run-policy-pack (ts-node compiles it on first start)…`);
  const startedAt = performance.now();
  const pack = await startPackProcess();
  const startupMs = performance.now() - startedAt;
  try {
    await pack.configure(JSON.parse(fs.readFileSync(path.join(PACK_DIR, "config/prod.json"), "utf8")));
    const latencies: number[] = [];
    let findings = 0;
    let next = 0;
    const analyzeStartedAt = performance.now();
    const worker = async () => {
      while (next < resources.length) {
        const resource = resources[next++]!;
        const callStartedAt = performance.now();
        const found = (await pack.analyze(resource)).length;
        findings += found;
        latencies.push(performance.now() - callStartedAt);
        if (latencies.length % 1000 === 0) log(`  analyze: ${latencies.length}/${resources.length}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const analyzeMs = performance.now() - analyzeStartedAt;
    const stackStartedAt = performance.now();
    const stackFindings = (await pack.analyzeStack(resources)).length;
    const analyzeStackMs = performance.now() - stackStartedAt;
    const sorted = [...latencies].sort((a, b) => a - b);
    const result = {
      command: `npx tsx policies/fargate-guard/bench/bench.ts --resources ${count} --concurrency ${concurrency}`,
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}`,
      resources: count,
      concurrency,
      packStartupMs: ms(startupMs),
      analyze: {
        totalMs: ms(analyzeMs),
        resourcesPerSecond: Math.round((count / analyzeMs) * 1000),
        p50Ms: ms(percentile(sorted, 50)),
        p99Ms: ms(percentile(sorted, 99)),
        maxMs: ms(sorted.at(-1)!),
        findings,
      },
      analyzeStack: { totalMs: ms(analyzeStackMs), findings: stackFindings },
    };
    if (asJson) console.log(JSON.stringify(result, null, 2));
    else {
      log(`\n${result.command}\n${result.machine}`);
      log(`pack start-up:   ${result.packStartupMs} ms`);
      log(`analyze:         ${count} resources in ${result.analyze.totalMs} ms = ${result.analyze.resourcesPerSecond} resources/s (concurrency ${concurrency})`);
      log(`analyze latency: p50 ${result.analyze.p50Ms} ms, p99 ${result.analyze.p99Ms} ms, max ${result.analyze.maxMs} ms; ${findings} findings`);
      log(`analyzeStack:    ${result.analyzeStack.totalMs} ms for the whole stack; ${stackFindings} findings`);
    }
  } finally {
    await pack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
