import { spawnSync } from "node:child_process";
import { commandOf, infer, pulumiProject, stackGraphModule, tempWorkspace } from "./support/temp-workspace";

describe("configurations inferred from stack files", () => {
  it("gives a project exactly the environments it has stack files for", () => {
    const ws = tempWorkspace({
      ...pulumiProject("infra/app", "app", { staging: {}, dev: {} }),
      ...stackGraphModule({ app: [] }),
    });
    const app = infer(ws, ["infra/app/Pulumi.yaml"])["infra/app"]!;
    expect(app.name).toBe("app");
    for (const target of Object.values(app.targets!)) {
      expect(Object.keys(target.configurations!)).toEqual(["dev", "staging"]);
      expect(target.defaultConfiguration).toBe("dev");
    }
  });

  it("has no default configuration without a dev stack, and then fails with the environments to choose", () => {
    const ws = tempWorkspace({
      ...pulumiProject("infra/app", "app", { prod: {}, staging: {} }),
      ...stackGraphModule({ app: [] }),
    });
    const preview = infer(ws, ["infra/app/Pulumi.yaml"])["infra/app"]!.targets!["preview"]!;
    expect(preview.defaultConfiguration).toBeUndefined();
    const run = spawnSync("/bin/sh", ["-c", commandOf(preview)], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe("app:preview needs an environment: -c staging|prod");
  });

  it("reads stack files from the folder Pulumi.yaml names in stackConfigDir", () => {
    const ws = tempWorkspace({
      "infra/app/Pulumi.yaml": "name: app\nruntime: nodejs\nstackConfigDir: stacks\n",
      "infra/app/stacks/Pulumi.prod.yaml": "config:\n  app:org: acme\n",
      ...stackGraphModule({ app: [] }),
    });
    const up = infer(ws, ["infra/app/Pulumi.yaml"])["infra/app"]!.targets!["up"]!;
    expect(Object.keys(up.configurations!)).toEqual(["prod"]);
    expect(commandOf(up, "prod")).toContain("--stack acme/app/prod ");
  });

  it("destroys one stack only, never the projects that read it (the guard refuses instead), and ups upstream first", () => {
    const ws = tempWorkspace({
      ...pulumiProject("p/net", "net", { dev: {} }),
      ...pulumiProject("p/app", "app", { dev: {} }),
      ...pulumiProject("p/worker", "worker", { dev: {} }),
      ...stackGraphModule({ net: [], app: ["net"], worker: ["net"] }),
    });
    const projects = infer(ws, ["p/net/Pulumi.yaml", "p/app/Pulumi.yaml", "p/worker/Pulumi.yaml"]);
    expect(projects["p/net"]!.targets!["destroy"]!.dependsOn).toBeUndefined();
    expect(projects["p/app"]!.targets!["destroy"]!.dependsOn).toBeUndefined();
    expect(projects["p/app"]!.targets!["up"]!.dependsOn).toEqual(["^up"]);
    expect(projects["p/app"]!.metadata).toEqual({
      pulumi: {
        project: "app",
        stackReferences: ["net"],
        environments: ["dev"],
        policyPacks: ["policies/fargate-guard"],
      },
    });
  });

  it("passes every configured policy pack, each with its environment config, relative to the project", () => {
    const ws = tempWorkspace({
      ...pulumiProject("deploy/eu/app", "app", { dev: {} }),
      ...stackGraphModule({ app: [] }),
    });
    const targets = infer(ws, ["deploy/eu/app/Pulumi.yaml"], { policyPacks: ["policies/a", "./packs/b/"] })[
      "deploy/eu/app"
    ]!.targets!;
    expect(commandOf(targets["preview"], "dev")).toBe(
      "pulumi preview --stack ${PULUMI_ORG:+$PULUMI_ORG/app/}dev" +
        " --policy-pack ../../../policies/a --policy-pack-config ../../../policies/a/config/dev.json" +
        " --policy-pack ../../../packs/b --policy-pack-config ../../../packs/b/config/dev.json",
    );
    expect(commandOf(targets["plan"], "dev")).toBe(
      "node tools/offline-plan/bin/plan.js --project deploy/eu/app --env dev" +
        " --policy-pack policies/a --policy-pack-config policies/a/config/dev.json" +
        " --policy-pack packs/b --policy-pack-config packs/b/config/dev.json",
    );
    expect(targets["preview"]!.options).toEqual({ cwd: "deploy/eu/app" });
  });

  it("plans a stack together with every stack it reads, directly or not, upstream first", () => {
    const ws = tempWorkspace({
      ...pulumiProject("p/dns", "dns", { dev: {} }),
      ...pulumiProject("p/net", "net", { dev: {} }),
      ...pulumiProject("p/app", "app", { dev: {} }),
      ...stackGraphModule({ dns: [], net: ["dns"], app: ["net"] }),
    });
    const app = infer(ws, ["p/app/Pulumi.yaml", "p/net/Pulumi.yaml", "p/dns/Pulumi.yaml"])["p/app"]!;
    expect(commandOf(app.targets!["plan"], "dev")).toMatch(
      /^node tools\/offline-plan\/bin\/plan.js --project p\/dns --project p\/net --project p\/app --env dev /,
    );
  });
});
