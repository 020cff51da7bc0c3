import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";

// The benchmarks are not tests (their times drift on shared machines), but they must keep working. bench.ts: its
// three packs start and answer, only fargate-guard finds anything, and the report has every ratio; 80 resources are
// five service units, the fifth of which breaks rules. start-bench.ts: one round of cold and warm starts of the same
// three packs, and every ratio. The full benchmarks are the commands under "Tests and benchmark" in the pack's README.
const run = (script: string, ...args: string[]) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", path.resolve(__dirname, "../../bench", script), ...args], {
    cwd: path.resolve(__dirname, "../../../.."),
    encoding: "utf8",
  });

describe("bench/bench.ts", () => {
  it("measures fargate-guard against the empty and the no-op pack in one run", async () => {
    const { stdout } = await run("bench.ts", "--resources", "80", "--stack-runs", "1", "--json");
    const report = JSON.parse(stdout) as Record<string, Record<string, number>>;
    expect(report.fargateGuard!.findings).toBeGreaterThan(0);
    expect(report.fargateGuard!.stackFindings).toBeGreaterThan(0);
    for (const baseline of ["emptyPack", "noOpPack"])
      expect(report[baseline]).toMatchObject({ findings: 0, stackFindings: 0 });
    for (const ratios of [report.ratio, report.noOpRatio, report.overNoOp])
      expect(Object.keys(ratios!).sort()).toEqual(["analyzeMean", "analyzeP99", "analyzeStack"]);
  });
});

describe("bench/start-bench.ts", () => {
  it("measures cold and warm starts of fargate-guard against the no-op and the empty pack in one run", async () => {
    const { stdout } = await run("start-bench.ts", "--rounds", "1", "--json");
    const report = JSON.parse(stdout) as Record<string, Record<string, Record<string, number>>>;
    for (const pack of ["fargateGuard", "noOpPack", "emptyPack"])
      for (const kind of ["cold", "warm"]) expect(report[pack]![kind]!.cpuSeconds).toBeGreaterThan(0);
    for (const ratios of [report.ratio, report.emptyRatio])
      expect(Object.keys(ratios!).sort()).toEqual(["coldCpu", "coldWall", "warmCpu", "warmWall"]);
  });
});
