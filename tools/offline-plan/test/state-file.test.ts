// `npm start -- --state <file>` judges a stack's exported state as `pulumi policy analyze --file` does: every
// resource but those pending deletion, external ones included, to Analyze (inputs) and AnalyzeStack (outputs).
// The state is made here: a service whose execution role, carried by the UpstreamStack component, cannot read
// its registry secret.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { readStateFile } from "../src/state/state-file";
import { fixturePack, planCli, WORKSPACE_ROOT, type CliRun } from "./support/plan-cli";
import { parsePlanJson, type PlanJson } from "./support/plan-json";

const SECRET = "arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry/dev/ghcr.io/abc-AbC123";
const OTHER = "arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry/dev/other-XyZ789";
const ROLE = "arn:aws:iam::111111111111:role/app-dev-execution-1a2b3c4";
const urn = (type: string, name: string) => `urn:pulumi:dev::shop::${type}::${name}`;
const ROOT = urn("pulumi:pulumi:Stack", "shop-dev");
const PROVIDER = urn("pulumi:providers:aws", "default_7_48_0");
const SIG = "4dabf18193072939515e22adb298388d";
const registryAccess = {
  executionRoleArn: ROLE,
  registryCredentials: { "ghcr.io": SECRET },
  executionRolePolicies: {
    inlinePolicies: [
      {
        name: "registry-secrets",
        document: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: OTHER }],
        }),
      },
    ],
    managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
  },
};
const task = {
  family: "shop-dev",
  requiresCompatibilities: ["FARGATE"],
  networkMode: "awsvpc",
  cpu: "256",
  memory: "512",
  executionRoleArn: ROLE,
  containerDefinitions: JSON.stringify([
    {
      name: "shop",
      image: "ghcr.io/acme/shop@sha256:0f3c5a7e9b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a",
      essential: true,
      repositoryCredentials: { credentialsParameter: SECRET },
      logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/shop-dev" } },
    },
  ]),
};
const state = {
  version: 3,
  deployment: {
    manifest: { time: "2026-12-01T00:00:00Z", magic: "", version: "v3.276.0" },
    resources: [
      { urn: ROOT, custom: false, type: "pulumi:pulumi:Stack", outputs: {} },
      {
        urn: PROVIDER,
        custom: true,
        id: "prov-1",
        type: "pulumi:providers:aws",
        inputs: { region: "eu-central-1" },
        parent: ROOT,
      },
      {
        urn: urn("pulumi:pulumi:StackReference", "organization/registry-access/dev"),
        custom: true,
        external: true,
        id: "organization/registry-access/dev",
        type: "pulumi:pulumi:StackReference",
        inputs: { name: "organization/registry-access/dev" },
        outputs: { name: "organization/registry-access/dev", outputs: registryAccess, secretOutputNames: [] },
        parent: ROOT,
      },
      {
        urn: urn("platform:contracts:UpstreamStack", "organization/registry-access/dev"),
        custom: false,
        type: "platform:contracts:UpstreamStack",
        outputs: { name: "organization/registry-access/dev", outputs: registryAccess },
        parent: ROOT,
      },
      {
        urn: urn("aws:ecs/taskDefinition:TaskDefinition", "shop"),
        custom: true,
        id: "shop-dev:3",
        type: "aws:ecs/taskDefinition:TaskDefinition",
        inputs: task,
        outputs: { ...task, arn: "arn:aws:ecs:eu-central-1:111111111111:task-definition/shop-dev:3" },
        parent: ROOT,
        provider: `${PROVIDER}::prov-1`,
      },
      {
        urn: urn("aws:ecs/taskDefinition:TaskDefinition", "shop-old"),
        custom: true,
        delete: true,
        id: "shop-dev:2",
        type: "aws:ecs/taskDefinition:TaskDefinition",
        inputs: task,
        outputs: task,
        parent: ROOT,
        provider: `${PROVIDER}::prov-1`,
      },
    ],
  },
};

let run: CliRun;
let plan: PlanJson;
const dir = mkdtempSync(path.join(tmpdir(), "state-file-"));
const file = path.join(dir, "shop-dev.json");
beforeAll(async () => {
  writeFileSync(file, JSON.stringify(state));
  const packs = [
    "--policy-pack",
    path.join(WORKSPACE_ROOT, "policies", "fargate-guard"),
    "--policy-pack",
    fixturePack("probe"),
  ];
  run = await planCli(["--state", file, "--env", "dev", ...packs, "--json"]);
  plan = parsePlanJson(run.stdout);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const received = () =>
  plan.stacks[0]!.violations.filter((v) => v.policyPack === "probe").map((v) => v.message.split("\n").at(-1)!);

it("refuses the service whose execution role cannot read its secret, from the state alone", () => {
  expect(run.code).toBe(1);
  const refusals = plan.stacks[0]!.violations.filter((v) => v.policyName === "execution-role-can-read-registry-secret");
  expect(refusals).toHaveLength(1);
  expect(refusals[0]).toMatchObject({
    enforcementLevel: "mandatory",
    urn: urn("aws:ecs/taskDefinition:TaskDefinition", "shop"),
  });
  expect(refusals[0]!.message).toContain(
    `execution role \`${ROLE}\` (exported by stack \`organization/registry-access/dev\`) cannot`,
  );
});

it("sends what pulumi policy analyze sends: every resource not pending deletion, external ones too", () => {
  const live = state.deployment.resources.filter((r) => !r.delete);
  const names = live.map((r) => `${r.type} ${r.urn.split("::").at(-1)}`).sort();
  expect(
    received()
      .filter((line) => line.startsWith("analyze "))
      .sort(),
  ).toEqual(names.map((n) => `analyze ${n}`));
  expect(
    received()
      .filter((line) => line.startsWith("stack "))
      .sort(),
  ).toEqual(names.map((n) => `stack ${n}`));
  expect(received().join("\n")).not.toContain("shop-old");
});

it("refuses --state with programs to plan", async () => {
  const refused = await planCli(["--state", file, "--project", path.join(WORKSPACE_ROOT, "projects", "service")]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain("--state judges exported state and runs no program, so it takes no --project.");
});

it("reads a secret of the export as the analyzer protocol carries it: its value, or [secret] when encrypted", () => {
  const secrets = {
    version: 3,
    deployment: {
      resources: [
        {
          urn: urn("aws:secretsmanager/secretVersion:SecretVersion", "token"),
          type: "aws:secretsmanager/secretVersion:SecretVersion",
          custom: true,
          inputs: { secretString: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "AAABAF…" } },
          outputs: {
            secretString: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: '"{\\"username\\":\\"u\\"}"' },
          },
        },
      ],
    },
  };
  const secretsFile = path.join(dir, "secrets.json");
  writeFileSync(secretsFile, JSON.stringify(secrets));
  const [resource] = readStateFile(secretsFile).resources;
  expect(resource!.inputs["secretString"]).toEqual({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "[secret]" });
  expect(resource!.outputs["secretString"]).toEqual({
    [SIG]: "1b47061264138c4ac30d75fd1eb44270",
    value: '{"username":"u"}',
  });
});
