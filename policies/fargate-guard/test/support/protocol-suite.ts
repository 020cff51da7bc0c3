import * as path from "node:path";
import { readPackConfigFile } from "@platform/config-files/pack-config-file";
import { allRules } from "../../src/rules";
import { summarize } from "./expect-findings";
import { container, taskDefinition } from "./fixtures";
import { executionRole, managedAttachment } from "./fixtures-iam";
import type { PackProcessDriver } from "./pack-process";
import { levelName, type PackConfigFile } from "./requests";

/**
 * The analyzer-protocol suite a started fargate-guard must pass, whichever folder it runs from: the
 * pack's source folder (test/pack/pack-process.test.ts) or the published bundle installed outside
 * the workspace (test/pack/bundle.integration.test.ts). `packDir` is where its config files are.
 */
export function analyzerProtocolSuite(
  start: () => Promise<{ pack: PackProcessDriver; packDir: string }>,
  startTimeoutMs = 90_000,
): void {
  let pack: PackProcessDriver;
  let packDir: string;
  beforeAll(async () => {
    ({ pack, packDir } = await start());
  }, startTimeoutMs);
  afterAll(() => pack?.stop());

  it("answers getAnalyzerInfo with its name, version and every rule (rule-list.test.ts pins which)", async () => {
    const info = await pack.info();
    expect([info.getName(), info.getVersion(), info.getPoliciesList().length]).toEqual([
      "fargate-guard",
      "0.1.0",
      allRules.length,
    ]);
    expect(
      levelName(
        info
          .getPoliciesList()
          .find((p) => p.getName() === "image-digest-pinned")!
          .getEnforcementlevel(),
      ),
    ).toBe("advisory");
  });

  it("takes config/dev.json through configure: a compliant task passes, one without credentials is refused", async () => {
    await pack.configure(readPackConfigFile(path.join(packDir, "config/dev.json")).doc as PackConfigFile);
    expect(await pack.analyze(taskDefinition())).toEqual([]);
    const withoutCredentials = taskDefinition({ containers: [container({ repositoryCredentials: undefined })] });
    const findings = await pack.analyze(withoutCredentials);
    expect(findings.map((f) => [f.policyName, f.enforcementLevel])).toContainEqual([
      "private-image-credentials",
      "mandatory",
    ]);
  });

  it("takes config/prod.json through configure and reports prod's levels from analyze", async () => {
    await pack.configure(readPackConfigFile(path.join(packDir, "config/prod.json")).doc as PackConfigFile);
    const tagged = taskDefinition({ containers: [container({ image: "ghcr.io/acme/api-private:1.4" })] });
    const findings = await pack.analyze(tagged);
    expect(findings.map((f) => [f.policyName, f.enforcementLevel])).toEqual([["image-digest-pinned", "mandatory"]]);
    expect(findings[0]!.message).toBe(
      "Checks that every container image is pinned by digest (`@sha256:…`).\n" +
        "Container `app` pulls `ghcr.io/acme/api-private:1.4` by tag `1.4`: pin it by digest " +
        "(ghcr.io/acme/api-private@sha256:<digest>) so every task runs the reviewed image.",
    );
  });

  it("reports from analyzeStack the execution role that cannot read the registry secret", async () => {
    const role = executionRole({ inlinePolicies: [] });
    const findings = await pack.analyzeStack([role, managedAttachment(role), taskDefinition()]);
    expect(summarize(findings)).toEqual([
      expect.stringMatching(
        /^execution-role-can-read-registry-secret: Container `app` of `api` reads registry credentials from .*, but execution role `api-execution` cannot: secretsmanager:GetSecretValue is ImplicitlyDenied/,
      ),
    ]);
    expect(findings[0]!.enforcementLevel).toBe("mandatory");
  });

  it("writes nothing to stderr while it serves", () => {
    expect(pack.stderr()).toBe("");
  });
}
