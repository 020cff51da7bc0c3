/**
 * What a start of fargate-guard costs beside a pack that does nothing, each started as the Pulumi CLI starts a pack
 * (`node <@pulumi/pulumi>/cmd/run-policy-pack <engine> .` in its folder, through @platform/policy-analyzer):
 *
 *   npx tsx policies/fargate-guard/bench/start-bench.ts [--rounds 5] [--json]
 *
 * Each round starts fargate-guard, bench/no-op-pack (fargate-guard's rules, checks that return at once) and
 * bench/empty-pack (no rules), in turn, a different one first each round: each cold (no compiled build in its
 * folder, as on a fresh clone or a fresh CI runner, and an empty TMPDIR) and then warm (built by the cold start).
 * A start ends when the pack answers the engine's first request (GetAnalyzerInfo); its cost is the CPU of the pack's
 * process and the processes it waited for (esbuild), read from /proc (Linux), and the wall time. Reports the median
 * of each and the ratios of fargate-guard to the two others. A benchmark, not a test: nothing fails on a slow machine.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { startPolicyPack } from "@platform/policy-analyzer";
import { OUT_DIR } from "@platform/compiled";

const PACKS = {
  fargateGuard: path.resolve(__dirname, ".."),
  noOpPack: path.join(__dirname, "no-op-pack"),
  emptyPack: path.join(__dirname, "empty-pack"),
} as const;
type PackName = keyof typeof PACKS;

interface Start {
  cpuSeconds: number;
  wallMs: number;
}

function rounds(): number {
  const index = process.argv.indexOf("--rounds");
  const value = index < 0 ? 5 : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--rounds takes a positive whole number, got ${process.argv[index + 1]}`);
  return value;
}

/** user + system seconds of the pack process (the child of its CLI-playing parent) and of the children it reaped. */
function packCpuSeconds(parentPid: number): number {
  const pid = Number(readFileSync(`/proc/${parentPid}/task/${parentPid}/children`, "utf8").trim().split(/\s+/)[0]);
  // utime, stime, cutime and cstime are fields 14 to 17 of proc(5), counted here from the state (field 3).
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100;
}

async function timedStart(dir: string): Promise<Start> {
  const startedAt = performance.now();
  const pack = await startPolicyPack(dir);
  try {
    await pack.info();
    return { wallMs: performance.now() - startedAt, cpuSeconds: packCpuSeconds(pack.process.pid) };
  } finally {
    await pack.close();
  }
}

/** A cold start: no compiled build, and a TMPDIR of its own (where ts-node would keep its cache). */
async function coldStart(dir: string): Promise<Start> {
  rmSync(path.join(dir, OUT_DIR), { recursive: true, force: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), "start-bench-"));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = tmp; // the pack's environment is a copy of this process's, taken as it spawns
  try {
    return await timedStart(dir);
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(tmp, { recursive: true, force: true });
  }
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

async function main(): Promise<void> {
  const count = rounds();
  const asJson = process.argv.includes("--json");
  const log = (line: string) => (asJson ? process.stderr : process.stdout).write(`${line}\n`);
  const names = Object.keys(PACKS) as PackName[];
  const samples = Object.fromEntries(names.map((name) => [name, { cold: [] as Start[], warm: [] as Start[] }]));
  for (let r = 0; r < count; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(r + i) % names.length]!;
      samples[name]!.cold.push(await coldStart(PACKS[name]));
      samples[name]!.warm.push(await timedStart(PACKS[name]));
    }
    log(`  round ${r + 1}/${count}`);
  }
  const summary = (name: PackName) =>
    Object.fromEntries(
      (["cold", "warm"] as const).map((kind) => [
        kind,
        {
          cpuSeconds: round(median(samples[name]![kind].map((s) => s.cpuSeconds))),
          wallMs: Math.round(median(samples[name]![kind].map((s) => s.wallMs))),
        },
      ]),
    ) as Record<"cold" | "warm", Start>;
  const packs = Object.fromEntries(names.map((name) => [name, summary(name)])) as Record<
    PackName,
    ReturnType<typeof summary>
  >;
  const ratioTo = (other: PackName) => ({
    coldCpu: round(packs.fargateGuard.cold.cpuSeconds / packs[other].cold.cpuSeconds),
    warmCpu: round(packs.fargateGuard.warm.cpuSeconds / packs[other].warm.cpuSeconds),
    coldWall: round(packs.fargateGuard.cold.wallMs / packs[other].cold.wallMs),
    warmWall: round(packs.fargateGuard.warm.wallMs / packs[other].warm.wallMs),
  });
  const result = {
    command: `npx tsx policies/fargate-guard/bench/start-bench.ts --rounds ${count}`,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
    ...packs,
    /** fargate-guard / no-op pack: what the pack's own code adds to a start of a pack of its shape. */
    ratio: ratioTo("noOpPack"),
    /** fargate-guard / empty pack: what it adds to the start of a pack with no rules at all. */
    emptyRatio: ratioTo("emptyPack"),
  };
  if (asJson) return console.log(JSON.stringify(result, null, 2));
  log(`\n${result.command}\n${result.machine}`);
  log("                 cold CPU   cold wall   warm CPU   warm wall   (medians)");
  for (const name of names) {
    const { cold, warm } = packs[name];
    log(
      `${name.padEnd(17)}${`${cold.cpuSeconds} s`.padEnd(11)}${`${cold.wallMs} ms`.padEnd(12)}` +
        `${`${warm.cpuSeconds} s`.padEnd(11)}${warm.wallMs} ms`,
    );
  }
  for (const [label, r] of [
    ["/ no-op pack", result.ratio],
    ["/ empty pack", result.emptyRatio],
  ] as const)
    log(
      `${label.padEnd(17)}${`${r.coldCpu}`.padEnd(11)}${`${r.coldWall}`.padEnd(12)}${`${r.warmCpu}`.padEnd(11)}${r.warmWall}`,
    );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
