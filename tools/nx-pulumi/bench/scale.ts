// How the offline plan and `nx affected` scale with the number of services. For each count, a scratch copy of this
// workspace gets that many services from the real generator, then `npm start -- --env dev` is measured and
// `nx show projects --affected` is checked for a one-line change in one service. Not a test: it prints numbers.
//
//   node --import tsx tools/nx-pulumi/bench/scale.ts [--services 10,25,50] [--env-all] [--json]
//
// Exit code 1 when a plan fails or the affected check lists anything but the changed service; 2 on bad arguments.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { FsTree, flushChanges } from "nx/src/generators/tree";
import { scratchWorkspace } from "../../../libs/testing/src/scratch-workspace";
import serviceGenerator from "../src/generators/service/generator";
import { childrenCpuSeconds, type MemoryPeak, sampleMemory } from "./process-tree";

/** whoami's image: public, pinned by digest, and under a public prefix of every profile. */
const IMAGE = "docker.io/traefik/whoami@sha256:52cfda850e4c5f3095a0880066663a395061d96c07f00c5119159dcbcf9089ad";
/** The service whose stack file the affected check changes (the last one when there are fewer). */
const CHANGED_SERVICE = 7;

interface PlanMeasure {
  readonly env: string;
  readonly exitCode: number | null;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly memory: MemoryPeak;
  /** The plan's own "Timing:" lines: where its wall time went. */
  readonly timing: string[];
}

interface ScaleRun {
  readonly services: number;
  readonly generateSeconds: number;
  readonly plans: PlanMeasure[];
  readonly affected: { readonly changedFile: string; readonly projects: string[]; readonly ok: boolean };
}

const progress = (line: string) => process.stderr.write(`${line}\n`);

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      services: { type: "string", default: "10,25,50" },
      "env-all": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
    strict: true,
  });
  const counts = values.services.split(",").map((s) => Number(s.trim()));
  if (counts.some((n) => !Number.isInteger(n) || n < 1 || n > 90)) {
    throw new UsageError(
      `--services "${values.services}": give service counts between 1 and 90, separated by commas (for example 10,25,50).`,
    );
  }
  return { counts: [...new Set(counts)].sort((a, b) => a - b), envAll: values["env-all"], json: values.json };
}

class UsageError extends Error {}

/** The real generator, in-process, one service at a time, as `nx g` would write each. */
async function generateServices(root: string, count: number): Promise<void> {
  // The tree is written once per service, so each generation sees the priorities its predecessors took.
  for (let i = 1; i <= count; i++) {
    const tree = new FsTree(root, false);
    await serviceGenerator(tree, { name: `svc-${i}`, image: IMAGE, path: `/svc-${i}/*` });
    flushChanges(root, tree.listChanges());
    if (i % 10 === 0 || i === count) progress(`  generated ${i}/${count} services`);
  }
}

/** `npm start -- --env <env>` in the scratch copy, with a cold tsx cache of its own, as on a fresh CI runner. */
function measurePlan(root: string, env: string): Promise<PlanMeasure> {
  const cache = mkdtempSync(path.join(tmpdir(), "svc-scale-tmp-"));
  const cpuBefore = childrenCpuSeconds();
  const started = process.hrtime.bigint();
  const child = spawn("npm", ["start", "--", "--env", env], {
    cwd: root,
    env: { ...process.env, TMPDIR: cache },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const memory = sampleMemory(child.pid!);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.on("close", (exitCode) => {
      const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      const peak = memory.stop();
      rmSync(cache, { recursive: true, force: true });
      if (exitCode !== 0) progress(`  the plan failed (exit ${exitCode}); its output ends:\n${tail(stdout + stderr)}`);
      resolve({
        env,
        exitCode,
        wallSeconds,
        cpuSeconds: childrenCpuSeconds() - cpuBefore,
        memory: peak,
        timing: stderr.split("\n").filter((line) => line.startsWith("Timing")),
      });
    });
  });
}

const tail = (text: string) => text.trim().split("\n").slice(-30).join("\n");

/** `nx show projects --affected --files=<one service's stack file>`: what CI would deploy for that change. */
function affectedBy(root: string, file: string): Promise<string[]> {
  const scratch = mkdtempSync(path.join(tmpdir(), "svc-scale-nx-"));
  const child = spawn(
    process.execPath,
    [require.resolve("nx/bin/nx.js"), "show", "projects", "--affected", `--files=${file}`],
    {
      cwd: root,
      env: {
        ...process.env,
        NX_DAEMON: "false",
        NX_NO_CLOUD: "true",
        NX_TUI: "false",
        NX_WORKSPACE_DATA_DIRECTORY: path.join(scratch, "workspace-data"),
        NX_CACHE_DIRECTORY: path.join(scratch, "cache"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.on("close", (code) => {
      rmSync(scratch, { recursive: true, force: true });
      if (code === 0)
        resolve(
          out
            .split("\n")
            .map((line) => line.trim())
            .filter(Boolean),
        );
      else reject(new Error(`nx show projects --affected exited ${code}:\n${tail(out + err)}`));
    }),
  );
}

async function scaleRun(count: number, envs: string[]): Promise<ScaleRun> {
  progress(`${count} services: copying the workspace`);
  const root = scratchWorkspace(`svc-scale-${count}-`);
  try {
    progress(`${count} services: generating`);
    const generateStarted = process.hrtime.bigint();
    await generateServices(root, count);
    const generateSeconds = Number(process.hrtime.bigint() - generateStarted) / 1e9;
    const plans: PlanMeasure[] = [];
    for (const env of envs) {
      progress(`${count} services: npm start -- --env ${env}`);
      plans.push(await measurePlan(root, env));
    }
    const service = `svc-${Math.min(CHANGED_SERVICE, count)}`;
    const changedFile = `projects/${service}/Pulumi.dev.yaml`;
    progress(`${count} services: nx show projects --affected --files=${changedFile}`);
    const projects = await affectedBy(root, changedFile);
    const ok = projects.length === 1 && projects[0] === service;
    if (!ok) progress(`  a change to ${changedFile} affects ${projects.join(", ") || "nothing"}, not ${service} alone`);
    return { services: count, generateSeconds, plans, affected: { changedFile, projects, ok } };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Wall and CPU growth of each environment's plan from the fewest services to the most, measured in one run. */
function growth(runs: ScaleRun[]) {
  const first = runs[0]!;
  const last = runs[runs.length - 1]!;
  if (runs.length < 2) return [];
  return first.plans.map((plan, i) => {
    const end = last.plans[i]!;
    const wall = end.wallSeconds / plan.wallSeconds;
    const added = last.services - first.services;
    return {
      env: plan.env,
      from: first.services,
      to: last.services,
      wall,
      cpu: end.cpuSeconds / plan.cpuSeconds,
      servicesRatio: last.services / first.services,
      // What each service beyond the first count adds: the fixed cost (packs, upstream stacks) cancels out.
      perAddedService: {
        wallSeconds: (end.wallSeconds - plan.wallSeconds) / added,
        cpuSeconds: (end.cpuSeconds - plan.cpuSeconds) / added,
        treePssMB: (end.memory.treePssMB - plan.memory.treePssMB) / added,
      },
      // At most linear: 50 services may take at most five times the wall time of 10.
      wallWithinLimit: wall <= last.services / first.services,
    };
  });
}

function table(runs: ScaleRun[]): string {
  const head = [
    "services",
    "env",
    "exit",
    "wall s",
    "CPU s",
    "tree PSS MB",
    "largest RSS MB",
    "generate s",
    "affected",
  ];
  const rows = runs.flatMap((run) =>
    run.plans.map((p) => [
      String(run.services),
      p.env,
      String(p.exitCode),
      p.wallSeconds.toFixed(1),
      p.cpuSeconds.toFixed(1),
      p.memory.treePssMB.toFixed(0),
      p.memory.largestProcessRssMB.toFixed(0),
      run.generateSeconds.toFixed(1),
      run.affected.ok ? "only the changed service" : `WRONG: ${run.affected.projects.join(" ")}`,
    ]),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join("  ");
  return [line(head), ...rows.map(line)].join("\n");
}

async function main(): Promise<number> {
  const { counts, envAll, json } = parse(process.argv.slice(2));
  const envs = envAll ? ["dev", "all"] : ["dev"];
  const machine = { cores: availableParallelism(), loadAverage: loadavg()[0] ?? 0 };
  const runs: ScaleRun[] = [];
  for (const count of counts) runs.push(await scaleRun(count, envs));
  const ratios = growth(runs);
  const passed = runs.every((r) => r.affected.ok && r.plans.every((p) => p.exitCode === 0));
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: passed, machine, runs, growth: ratios }, null, 2)}\n`);
  } else {
    console.log(`${machine.cores} cores, load ${machine.loadAverage.toFixed(1)} at the start`);
    console.log(table(runs));
    console.log(
      "CPU: user + system of the whole process tree. tree PSS: the largest sum of proportional set sizes over the " +
        "tree at one sample (every 200 ms). largest RSS: the highest peak RSS of one process (VmHWM).",
    );
    for (const g of ratios) {
      console.log(
        `growth ${g.to}/${g.from} services, --env ${g.env}: wall ${g.wall.toFixed(2)}x, CPU ${g.cpu.toFixed(2)}x ` +
          `(${g.servicesRatio.toFixed(1)}x the services; ${g.wallWithinLimit ? "within" : "ABOVE"} linear growth)`,
      );
      const per = g.perAddedService;
      console.log(
        `  each added service: ${per.wallSeconds.toFixed(1)} s wall, ${per.cpuSeconds.toFixed(1)} CPU-s, ` +
          `${Math.round(per.treePssMB) || 0} MB tree PSS`, // not "-0" when memory stays flat
      );
    }
    for (const run of runs) for (const p of run.plans) for (const t of p.timing) console.log(`${run.services}: ${t}`);
  }
  return passed ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    progress(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode =
      err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ? 2 : 1;
  },
);
