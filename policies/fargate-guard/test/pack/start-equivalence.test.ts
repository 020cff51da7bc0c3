import * as fs from "node:fs";
import * as path from "node:path";
import { PACK_STARTS, startPolicyPack, type PackStart, type RunningPack } from "@platform/policy-analyzer";
import { awsxFargateService, container, taskDefinition } from "../support/fixtures";
import { allow, executionRole, kmsKey, managedAttachment, registrySecret } from "../support/fixtures-iam";
import { PACK_DIR } from "../support/pack-process";
import { toAnalyzerResource, type FixtureResource } from "../support/requests";

const ENVIRONMENTS = ["dev", "staging", "prod"];

const role = executionRole();
const resources: FixtureResource[] = [
  taskDefinition(),
  taskDefinition({ containers: [container({ repositoryCredentials: undefined })] }),
  taskDefinition({ containers: [container({ image: "ghcr.io/acme/api-private:1.4" })] }),
  awsxFargateService({ networkConfiguration: { assignPublicIp: true } }),
  executionRole({ inlinePolicies: [{ name: "wide", policy: JSON.stringify(allow("secretsmanager:*", "*")) }] }),
  kmsKey({ enableKeyRotation: false }),
];
const stack: FixtureResource[] = [role, managedAttachment(role), registrySecret(), kmsKey(), taskDefinition()];

/** Every answer of one pack to the same requests: its info, then per environment config every finding. */
async function answers(pack: RunningPack): Promise<unknown> {
  const perEnvironment: Record<string, unknown> = {};
  for (const env of ENVIRONMENTS) {
    const file = path.join(PACK_DIR, "config", `${env}.json`);
    await pack.configureFromFile(JSON.parse(fs.readFileSync(file, "utf8")) as never, file);
    perEnvironment[env] = {
      analyze: await Promise.all(resources.map((r) => pack.analyze(toAnalyzerResource(r)))),
      analyzeStack: await pack.analyzeStack(stack.map(toAnalyzerResource)),
    };
  }
  return { info: await pack.info(), perEnvironment };
}

/**
 * The CLI's start (run-policy-pack's own ts-node, which type-checks) is what the offline plan uses by
 * default; the tsx start skips the type-check. Both must answer alike.
 */
describe("the pack started the CLI's way and with tsx", () => {
  const packs = new Map<PackStart, RunningPack>();
  beforeAll(async () => {
    await Promise.all(PACK_STARTS.map(async (start) => packs.set(start, await startPolicyPack(PACK_DIR, { start }))));
  });
  afterAll(() => Promise.all([...packs.values()].map((pack) => pack.close())));

  it("gives the same info and the same findings for every environment's config", async () => {
    const [cli, tsx] = await Promise.all(PACK_STARTS.map((start) => answers(packs.get(start)!)));
    expect(tsx).toEqual(cli);
    // The requests exercise findings at every level, so equal answers are not equally empty ones.
    const levels = JSON.stringify(cli).match(/"enforcementLevel":"(\w+)"/g) ?? [];
    expect(new Set(levels).size).toBeGreaterThanOrEqual(2);
  });
});
