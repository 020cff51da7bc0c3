import { relative } from "node:path";
import { fakePulumi } from "./support/fake-pulumi";
import { isolatedNxEnv, runNx, WORKSPACE_ROOT } from "./support/nx-env";
import { ENVIRONMENT_PROJECTS, PULUMI_PROJECTS } from "./support/pulumi-projects";
import { SERVICE_PROJECTS } from "@platform/contracts/stacks";

/** The stacks `nx affected -t preview -c staging` previews when only `file` changed: "<project folder> <stack>". */
async function stagingPreviewsFor(file: string): Promise<string[]> {
  const pulumi = fakePulumi();
  const result = await runNx(
    ["affected", "-t", "preview", "-c", "staging", `--files=${file}`],
    isolatedNxEnv({ PATH: pulumi.path }),
  );
  if (result.code !== 0) throw new Error(`nx affected failed:\n${result.stdout}\n${result.stderr}`);
  return pulumi
    .calls()
    .map((c) => `${relative(WORKSPACE_ROOT, c.cwd)} ${c.argv[c.argv.indexOf("--stack") + 1]}`)
    .sort();
}

const staging = (project: string) => `projects/${project} staging`;
// A project with one stack per repository (delivery) has no staging stack: its preview passes over staging.
const ALL = ENVIRONMENT_PROJECTS.map(staging);
const previews: Record<string, string[]> = {};
let affectedByService: string[] = [];
const CHANGES = {
  contracts: "libs/contracts/src/stacks.ts",
  pack: "policies/fargate-guard/package.json",
  networking: "projects/networking/Pulumi.yaml",
  service: "projects/service/Pulumi.yaml",
};

beforeAll(async () => {
  const shown = runNx(["show", "projects", "--affected", `--files=${CHANGES.service}`, "--json"], isolatedNxEnv({}));
  const results = await Promise.all(Object.values(CHANGES).map(stagingPreviewsFor));
  Object.keys(CHANGES).forEach((key, i) => (previews[key] = results[i]!));
  affectedByService = JSON.parse((await shown).stdout) as string[];
});

describe("nx affected -t preview -c staging", () => {
  it("previews every stack when the contracts lib changes", () => {
    expect(previews["contracts"]).toEqual(ALL);
  });

  it("previews every stack when the policy pack changes", () => {
    expect(previews["pack"]).toEqual(ALL);
  });

  it("previews networking and every service, which read its outputs, when networking changes", () => {
    expect(previews["networking"]).toEqual(["networking", ...SERVICE_PROJECTS].map(staging).sort());
  });

  it("previews only that service when one service changes, as nothing reads its stack", () => {
    expect(previews["service"]).toEqual(["projects/service staging"]);
  });

  it("leaves the delivery project alone when a service changes", () => {
    expect(PULUMI_PROJECTS).toContain("delivery");
    expect(affectedByService).toContain("service");
    expect(affectedByService).not.toContain("delivery");
  });
});
