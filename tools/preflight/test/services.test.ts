// The preflight checks one service's stack (with the stacks it reads), the one --service names or the only one.
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { findServiceProjects } from "@platform/config-files/service-projects";
import { SERVICE_PROJECTS } from "@platform/contracts/stacks";
import { mockClient } from "aws-sdk-client-mock";
import * as path from "node:path";
import { main } from "../src/cli";
import { ACCOUNT, runPreflight, writeWorkspace } from "./support/workspace";

// ECR: the execution role pulls it, so neither a registry secret nor the network is needed to pass.
const ecrImage = `${ACCOUNT}.dkr.ecr.eu-central-1.amazonaws.com/api@sha256:${"ab".repeat(32)}`;
const sts = mockClient(STSClient);
let workspace: ReturnType<typeof writeWorkspace>;
beforeEach(() => {
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
  workspace = writeWorkspace("dev", { image: ecrImage });
});
afterEach(() => workspace.remove());

describe("preflight --service", () => {
  it("checks the named service and names it in the verdict and the JSON report", async () => {
    const text = await runPreflight(main, workspace.root, ["--env", "dev", "--service", "service"]);
    expect([text.code, text.stderr]).toEqual([0, ""]);
    expect(text.stdout).toContain("Preflight of service for dev passed");
    const json = await runPreflight(main, workspace.root, ["--env", "dev", "--service", "service", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ env: "dev", service: "service", ok: true });
  });

  it("takes the only service when none is named", async () => {
    const { code, stdout } = await runPreflight(main, workspace.root, ["--env", "dev"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Preflight of service for dev passed");
  });

  it("refuses a name that is not a service, listing the services, with exit code 2 and no AWS call", async () => {
    const { code, stderr } = await runPreflight(main, workspace.root, ["--env", "dev", "--service", "networking"]);
    expect(code).toBe(2);
    expect(stderr).toContain('--service "networking" is not a service of this workspace; its services: service.');
    expect(sts.calls()).toEqual([]);
  });
});

// Tools find services on disk, by their package (libs/config-files); the stack graph lists them (libs/contracts),
// which gives nx their deploy order. In this repository both must name the same projects.
it("finds the services the stack graph lists", () => {
  const root = path.resolve(__dirname, "..", "..", "..");
  expect(findServiceProjects(root).map((service) => service.name)).toEqual([...SERVICE_PROJECTS].sort());
});
