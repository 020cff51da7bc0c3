import * as path from "node:path";
import { parse } from "yaml";
import { readFileSync } from "node:fs";
import { ConfigError, staticConfigSource } from "@platform/config";
import { programFailure, runProgram } from "@platform/testing";
import { deliveryConfig } from "../src/config";

const projectDir = path.resolve(__dirname, "..");
/** The committed stack file's values as the CLI passes them (structured values as JSON text). */
const committed = Object.fromEntries(
  Object.entries(
    (
      parse(readFileSync(path.join(projectDir, "Pulumi.repository.yaml"), "utf8")) as {
        config: Record<string, unknown>;
      }
    ).config,
  ).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
);

function problems(change: Record<string, string | undefined>, secretKeys: string[] = []): string {
  const values = { ...committed, ...change };
  for (const [key, value] of Object.entries(change)) if (value === undefined) delete values[key];
  try {
    deliveryConfig(staticConfigSource("repository", values as Record<string, string>, secretKeys));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

const accounts = (envs: string[]) =>
  JSON.stringify(Object.fromEntries(envs.map((env) => [env, { accountId: "111111111111", region: "eu-central-1" }])));

it("accepts the committed stack file", () => {
  expect(deliveryConfig(staticConfigSource("repository", committed)).subjects.deploy).toBe(
    "repo:acme/platform:environment:<env>",
  );
});

it.each([["acme"], ["acme/platform/extra"], ["-acme/platform"], ["acme/.."], ["acme/*"], ["ac--me/platform"]])(
  "refuses %s as the repository, saying what GitHub allows",
  (repository) => {
    expect(problems({ "delivery:repository": repository })).toContain(
      `\`delivery:repository\` is "${repository}" in Pulumi.repository.yaml: expected \`<owner>/<repo>\` as GitHub spells it`,
    );
  },
);

it("names the environment that has no account, and one that is not an environment", () => {
  const message = problems({ "delivery:accounts": accounts(["dev", "prod", "qa"]) });
  expect(message).toMatch(/`delivery:accounts` is \{"dev":.*"qa":.* in Pulumi.repository.yaml: /);
  expect(message).toContain(
    "staging has no account; qa is not an environment: every environment (dev, staging, prod) needs exactly one entry.",
  );
  expect(message).toContain("Fix: set `delivery:accounts` in Pulumi.repository.yaml, e.g. { dev: { accountId:");
});

it("requires approvers for every environment promotion reaches", () => {
  expect(problems({ "delivery:approvers": JSON.stringify({ staging: "@acme/staging-approvers" }) })).toContain(
    '`delivery:approvers` is {"staging":"@acme/staging-approvers"} in Pulumi.repository.yaml: prod is reached by promotion and needs approvers',
  );
});

it("refuses team tokens on the Team edition, and Pulumi Individual without a self-managed backend", () => {
  expect(problems({ "delivery:pulumiTokenType": "team" })).toContain(
    "team tokens need Pulumi Enterprise or Business Critical; team offers organization tokens.\n    Fix: pulumi config set delivery:pulumiTokenType organization --stack repository",
  );
  expect(problems({ "delivery:pulumiEdition": "individual" })).toContain(
    "`delivery:stateBackendUrl` is not set in Pulumi.repository.yaml: Pulumi Individual exchanges no OIDC token",
  );
});

it("refuses a plaintext secret value without showing it", () => {
  const message = problems({ "delivery:registryPassword": "hunter2-but-longer" });
  expect(message).toContain('`delivery:registryPassword` is "<not shown>" in Pulumi.repository.yaml: it is plaintext');
  expect(message).toContain("Fix: pulumi config set --secret delivery:registryPassword <value> --stack repository");
  expect(message).not.toContain("hunter2");
});

it("stops the program before it declares any resource", async () => {
  const error = await programFailure(
    runProgram({ projectDir, env: "repository", config: { "delivery:repository": "acme" } }),
  );
  expect(error.message).toContain('`delivery:repository` is "acme"');
  expect(error.resources).toEqual([]);
});

it("names each environment's account and region as that environment's stack files do", () => {
  const accounts = JSON.parse(committed["delivery:accounts"]!) as Record<string, { accountId: string; region: string }>;
  for (const env of ["dev", "staging", "prod"]) {
    const stack = (
      parse(readFileSync(path.join(projectDir, "..", "networking", `Pulumi.${env}.yaml`), "utf8")) as {
        config: Record<string, unknown>;
      }
    ).config;
    expect([env, accounts[env]]).toEqual([
      env,
      { accountId: (stack["aws:allowedAccountIds"] as string[])[0], region: stack["aws:region"] },
    ]);
  }
});
