import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";

// The benchmark is not a test (its times drift on shared machines), but it must keep working: its three
// packs start and answer, only fargate-guard finds anything, and the report has every ratio. 80 resources are five
// service units, the fifth of which breaks rules. The packs start with tsx: two of them are written to a temporary
// folder, where ts-node's cache is cold and the CLI's start would type-check them from scratch, which is not what
// this test is about (start-equivalence.test.ts compares the starts). The full benchmark, with the CLI's start, is
// the command under "Tests and benchmark" in the pack's README.md.
const bench = path.resolve(__dirname, "../../bench/bench.ts");

describe("bench/bench.ts", () => {
  it("measures fargate-guard against the empty and the no-op pack in one run", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", bench, "--resources", "80", "--stack-runs", "1", "--pack-start", "tsx", "--json"],
      { cwd: path.resolve(__dirname, "../../../.."), encoding: "utf8" },
    );
    const report = JSON.parse(stdout) as Record<string, Record<string, number>>;
    expect(report.fargateGuard!.findings).toBeGreaterThan(0);
    expect(report.fargateGuard!.stackFindings).toBeGreaterThan(0);
    for (const baseline of ["emptyPack", "noOpPack"])
      expect(report[baseline]).toMatchObject({ findings: 0, stackFindings: 0 });
    for (const ratios of [report.ratio, report.noOpRatio, report.overNoOp])
      expect(Object.keys(ratios!).sort()).toEqual(["analyzeMean", "analyzeP99", "analyzeStack"]);
  });
});
