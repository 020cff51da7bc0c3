import * as path from "node:path";
import { startPolicyPack, wireSecret, type AnalyzerResource, type RunningPack } from "../src";

const ECHO_PACK = path.join(__dirname, "fixtures/packs/echo");
const urn = (name: string) => `urn:pulumi:dev::demo::test:index:Thing::${name}`;

const role: AnalyzerResource = { urn: urn("role"), type: "test:index:Thing", name: "role", properties: { size: 1 } };
const task: AnalyzerResource = {
  urn: urn("task"),
  type: "test:index:Thing",
  name: "task",
  properties: { size: 3, token: wireSecret("s3cr3t") },
  options: { protect: true, customTimeouts: { create: "5m" } },
  parent: urn("role"),
  dependencies: [urn("role")],
  propertyDependencies: { roleArn: [urn("role")], size: [] },
};

describe("startPolicyPack", () => {
  let pack: RunningPack;
  beforeAll(async () => {
    pack = await startPolicyPack(ECHO_PACK);
  });
  afterAll(() => pack?.close());

  it("reads the pack's name, version and policies with their levels and config schema", async () => {
    const info = await pack.info();
    expect([info.name, info.version]).toEqual(["echo", "1.2.3"]);
    expect(info.policies.map((p) => [p.name, p.enforcementLevel])).toEqual([
      ["echo-resource", "mandatory"],
      ["echo-stack", "advisory"],
    ]);
    expect(info.policies[0]!.configSchema?.properties.prefix).toEqual({ type: "string", default: "saw" });
  });

  it("sends config reconciled from a file, and Analyze the properties, secrets and options", async () => {
    await pack.configureFromFile(
      { "echo-resource": { properties: { prefix: "got" } }, "echo-stack": { enforcementLevel: "disabled" } },
      "echo.json",
    );
    const diagnostics = await pack.analyze(task);
    expect(diagnostics).toEqual([
      {
        policyPack: "echo",
        policyPackVersion: "1.2.3",
        policyName: "echo-resource",
        description: "Reports what Analyze carried.",
        enforcementLevel: "mandatory",
        urn: urn("task"),
        message: "Reports what Analyze carried.\ngot task: size 3, token unwrapped, create 300s, protect true",
      },
    ]);
  });

  it("refuses config the pack's schema does not allow, naming the file, the policy and the key", async () => {
    await expect(
      pack.configureFromFile({ "echo-resource": { properties: { prefix: 7 } } }, "bad.json"),
    ).rejects.toThrow(
      /Policy pack config bad\.json is invalid:\n {2}- echo-resource: `prefix`: Invalid input: expected string, received number/,
    );
  });

  it("sends AnalyzeStack the parent and the property dependencies, leaving out empty ones as the engine does", async () => {
    await pack.configureFromFile({ "echo-resource": { enforcementLevel: "disabled" } }, "stack.json");
    const diagnostics = await pack.analyzeStack([role, task]);
    expect(diagnostics.map((d) => [d.urn, d.message.split("\n")[1]])).toEqual([
      [urn("role"), "role: parent none; no property dependencies"],
      [urn("task"), "task: parent role; roleArn<-role"],
    ]);
  });

  it("ends the pack process on close and resolves once it has exited", async () => {
    const other = await startPolicyPack(ECHO_PACK);
    await other.close();
    await expect(other.process.exited).resolves.toMatch(/signal SIGTERM|exit code/);
    expect(() => process.kill(other.process.pid, 0)).toThrow();
  });
});
