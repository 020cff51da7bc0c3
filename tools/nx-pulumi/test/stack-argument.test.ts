import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { type CommandContext, pulumiCommand } from "../src/commands";
import { fakePulumi } from "./support/fake-pulumi";
import { WORKSPACE_ROOT } from "./support/nx-env";

const service = (env: string, org: string | undefined): CommandContext => ({
  project: "service",
  projectRoot: "projects/service",
  env,
  org,
  policyPacks: ["policies/fargate-guard"],
});

/** Runs a target's command line the way nx:run-commands does (a POSIX shell in the project folder). */
function stackPassedToPulumi(command: string, pulumiOrg?: string): string {
  const pulumi = fakePulumi();
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: pulumi.path };
  delete env["PULUMI_ORG"];
  if (pulumiOrg !== undefined) env["PULUMI_ORG"] = pulumiOrg;
  execFileSync("/bin/sh", ["-c", command], { cwd: join(WORKSPACE_ROOT, "projects/service"), env });
  const [call] = pulumi.calls();
  return call!.argv[call!.argv.indexOf("--stack") + 1]!;
}

describe("the --stack argument", () => {
  it.each([
    ["the org from stack config", "acme", undefined, "acme/service/prod"],
    ["the org from stack config over PULUMI_ORG", "acme", "other", "acme/service/prod"],
    ["PULUMI_ORG when no stack file sets an org", undefined, "other", "other/service/prod"],
    ["the bare environment, for Pulumi's default org, when neither is set", undefined, undefined, "prod"],
    ["the bare environment when PULUMI_ORG is empty", undefined, "", "prod"],
  ])("names %s", (_case, configuredOrg, pulumiOrg, expected) => {
    expect(stackPassedToPulumi(pulumiCommand("up", service("prod", configuredOrg)), pulumiOrg)).toBe(expected);
  });

  it("is never <project>/<env>, which Pulumi would read as org <project>, stack <env>", () => {
    for (const verb of ["preview", "up", "refresh", "destroy"] as const) {
      expect(stackPassedToPulumi(pulumiCommand(verb, service("dev", undefined)))).not.toBe("service/dev");
    }
  });
});

describe("refresh and destroy", () => {
  it("take no policy pack, which the Pulumi CLI does not run for them; destroy goes through its guard", () => {
    expect(pulumiCommand("refresh", service("dev", "acme"))).toBe("pulumi refresh --yes --stack acme/service/dev");
    expect(pulumiCommand("destroy", service("dev", "acme"))).toBe(
      "node ../../tools/nx-pulumi/bin/destroy.js --yes --stack acme/service/dev",
    );
  });
});
