import * as fs from "node:fs";
import * as path from "node:path";
import { AnalyzerClient, reconcilePolicyConfig, startPolicyPack, type RunningPack } from "@platform/policy-analyzer";
import { awsxFargateService, container, taskDefinition } from "../support/fixtures";
import { allow, executionRole, kmsKey, managedAttachment, registrySecret } from "../support/fixtures-iam";
import { inProcessTransport } from "../support/in-process";
import { PACK_DIR } from "../support/pack-process";
import { toAnalyzerResource, type FixtureResource } from "../support/requests";

const ENVIRONMENTS = ["dev", "staging", "prod"];

const role = executionRole();
/** A role any GitHub workflow may assume (no `sub` condition). */
const openGitHubTrust = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
      Action: "sts:AssumeRoleWithWebIdentity",
    },
  ],
};
const resources: FixtureResource[] = [
  taskDefinition(),
  taskDefinition({ containers: [container({ repositoryCredentials: undefined })] }),
  taskDefinition({ containers: [container({ image: "ghcr.io/acme/api-private:1.4" })] }),
  awsxFargateService({ networkConfiguration: { assignPublicIp: true } }),
  executionRole({ inlinePolicies: [{ name: "wide", policy: JSON.stringify(allow("secretsmanager:*", "*")) }] }),
  kmsKey({ enableKeyRotation: false }),
  executionRole({ assumeRolePolicy: JSON.stringify(openGitHubTrust), inlinePolicies: [] }, "deploy"),
];
const stack: FixtureResource[] = [role, managedAttachment(role), registrySecret(), kmsKey(), taskDefinition()];

/** Every answer of one pack to the same requests: its info, then per environment config every finding. */
async function answers(pack: AnalyzerClient): Promise<unknown> {
  const perEnvironment: Record<string, unknown> = {};
  for (const env of ENVIRONMENTS) {
    const file = path.join(PACK_DIR, "config", `${env}.json`);
    const info = await pack.getAnalyzerInfo();
    const settings = JSON.parse(fs.readFileSync(file, "utf8")) as never;
    await pack.configure(reconcilePolicyConfig(info.policies, info.initialConfig, settings, file));
    perEnvironment[env] = {
      analyze: await Promise.all(resources.map((r) => pack.analyze(toAnalyzerResource(r)))),
      analyzeStack: await pack.analyzeStack(stack.map(toAnalyzerResource)),
    };
  }
  return { info: await pack.getAnalyzerInfo(), perEnvironment };
}

/**
 * The CLI's start runs the pack as its entry (entry.js) loads it: compiled to JavaScript by esbuild, with the
 * workspace libraries bundled in. The in-process pack runs the TypeScript sources themselves. Both must answer alike.
 */
describe("the pack started the CLI's way, compiled, and its sources in this process", () => {
  let started: RunningPack;
  beforeAll(async () => {
    started = await startPolicyPack(PACK_DIR);
  });
  afterAll(() => started.close());

  it("gives the same info and the same findings for every environment's config", async () => {
    const compiled = await answers(started.client);
    expect(compiled).toEqual(await answers(new AnalyzerClient(inProcessTransport())));
    // The requests exercise findings at every level, so equal answers are not equally empty ones.
    const levels = JSON.stringify(compiled).match(/"enforcementLevel":"(\w+)"/g) ?? [];
    expect(new Set(levels).size).toBeGreaterThanOrEqual(2);
  });
});
