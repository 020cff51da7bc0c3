// Planning a fixed config again (itAppliesEveryFix, through @platform/testing's replanPrograms) catches what the
// schema cannot: here an image the schema accepts on a registry that registry-access holds no credentials for.
import * as path from "node:path";
import { staticConfigSource } from "@platform/config";
import { readStackConfig } from "@platform/config-files/stack-files";
import { SERVICE_UPSTREAMS } from "@platform/contracts";
import { replanPrograms, type ProgramConfigRun, type ReplanJob, type ReplanResult } from "@platform/testing";
import { serviceConfig } from "@platform/service-component";

const serviceDir = path.resolve(__dirname, "..");
const runOf = (projectDir: string, values?: Record<string, string>): ProgramConfigRun => {
  const stack = readStackConfig(projectDir, "dev");
  return {
    projectDir,
    project: stack.project,
    env: "dev",
    values: values ?? stack.values,
    secretKeys: stack.secretKeys,
  };
};
const upstream = SERVICE_UPSTREAMS.map((project) => runOf(path.resolve(serviceDir, "..", project)));
const job = (values?: Record<string, string>): ReplanJob => ({ ...runOf(serviceDir, values), upstream });
const quayImage = { ...readStackConfig(serviceDir, "dev").values, "service:image": "quay.io/acme/app:1.0" };

let results: ReplanResult[];
beforeAll(async () => {
  results = await replanPrograms([job(), job(quayImage), job()]);
});

it("declares the service's resources with dev's own config", () => {
  expect(results[0]!.errors).toEqual([]);
  expect(results[0]!.resourceTypes).toContain("awsx:ecs:FargateService");
});

it("reports the program's error for an image the schema accepts but no registry secret covers", () => {
  expect(() => serviceConfig(staticConfigSource("dev", quayImage), "service")).not.toThrow();
  expect(results[1]!.errors).toEqual([
    expect.stringContaining('`service:image` in Pulumi.dev.yaml is "quay.io/acme/app:1.0", on the private registry'),
  ]);
  expect(results[1]!.resourceTypes).not.toContain("awsx:ecs:FargateService");
});

it("runs each config afresh, so a failed run leaves nothing to the next", () => {
  expect(results[2]).toEqual(results[0]);
});
