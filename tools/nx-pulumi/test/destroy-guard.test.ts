// The first deploy and the destroy, as the README writes them, run against a fake `pulumi`: every project's stack
// exists before its `up`, and a destroy of networking or registry-access is refused while a service stack of the
// environment has resources. The guard's judgement itself is tested in-process.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { SERVICE_PROJECTS } from "@platform/contracts/stacks";
import { refusalFor } from "../src/destroy-guard";
import { fakePulumi, type ListedStacks, type PulumiCall } from "./support/fake-pulumi";
import { WORKSPACE_ROOT } from "./support/nx-env";

const readme = readFileSync(join(WORKSPACE_ROOT, "README.md"), "utf8");
const deploying = readme.slice(readme.indexOf("## Deploying to a real AWS account"), readme.indexOf("## Delivery"));
/** The first `sh` block after the bold paragraph that starts with `heading`. */
function block(heading: string): string {
  const at = deploying.indexOf(`**${heading}`);
  expect(at).toBeGreaterThan(0);
  const start = deploying.indexOf("```sh\n", at) + "```sh\n".length;
  return deploying.slice(start, deploying.indexOf("```", start));
}

/** Runs README shell text with ORG=acme ENV=prod and a fake pulumi; returns its calls and what the shell printed. */
function runReadme(script: string, stacks: ListedStacks = {}): { calls: PulumiCall[]; stderr: string } {
  const pulumi = fakePulumi(stacks);
  const text = script.replace("ORG=<your-org> ENV=dev", "ORG=acme ENV=prod");
  const env = { ...process.env, PATH: pulumi.path, ORG: "acme", ENV: "prod" };
  const { stderr } = spawnSync("/bin/sh", ["-c", text], { cwd: WORKSPACE_ROOT, env, encoding: "utf8" });
  return { calls: pulumi.calls(), stderr };
}

const project = (call: PulumiCall) => relative(join(WORKSPACE_ROOT, "projects"), call.cwd);
// Every project with a stack per environment; delivery's one stack per repository is set up apart (docs/delivery-setup.md).
const PROJECTS = readdirSync(join(WORKSPACE_ROOT, "projects")).filter((p) => p !== "delivery");

describe("the README's first deploy (steps 3, 4 and 7)", () => {
  const { calls } = runReadme(
    [block("3. Log in and create the stacks."), block("4. Deploy networking"), block("7. Deploy the services")].join(
      "\n",
    ),
  );

  it("creates the stack of every project, each services' included, before anything is deployed", () => {
    const created = calls.filter((c) => c.argv.slice(0, 3).join(" ") === "stack select --create");
    expect(created.map((c) => `${project(c)} ${c.argv.at(-1)}`).sort()).toEqual(
      PROJECTS.map((p) => `${p} acme/${p}/prod`).sort(),
    );
    const firstUp = calls.findIndex((c) => c.argv[0] === "up");
    expect(calls.slice(firstUp).some((c) => c.argv[0] === "stack")).toBe(false);
  });

  it("deploys every project once, with the pack and the environment's config, services last", () => {
    const ups = calls.filter((c) => c.argv[0] === "up");
    expect(ups.map(project).slice(0, 2).sort()).toEqual(["networking", "registry-access"]);
    expect(ups.map(project).slice(2).sort()).toEqual([...SERVICE_PROJECTS].sort());
    for (const up of ups) {
      expect(up.argv).toEqual(
        expect.arrayContaining(["--policy-pack-config", "../../policies/fargate-guard/config/prod.json"]),
      );
    }
  });
});

describe("the README's destroy", () => {
  const destroy = block("Destroying");

  it("destroys the services, and refuses networking and registry-access while a service stack has resources", () => {
    const { calls, stderr } = runReadme(destroy, { service: [{ name: "acme/service/prod", resourceCount: 23 }] });
    // The fake destroys nothing: service/prod still reports its resources when networking's turn comes.
    expect(
      calls
        .filter((c) => c.argv[0] === "destroy")
        .map(project)
        .sort(),
    ).toEqual([...SERVICE_PROJECTS].sort());
    expect(stderr).toContain("Refusing to destroy networking (stack acme/networking/prod)");
    expect(stderr).toContain("Refusing to destroy registry-access (stack acme/registry-access/prod)");
    expect(stderr).toContain("  - acme/service/prod (23 resources)");
  });

  it("destroys every stack, services first, once none reads another", () => {
    const { calls } = runReadme(destroy);
    const destroyed = calls.filter((c) => c.argv[0] === "destroy");
    expect(destroyed.map(project).slice(-2)).toEqual(["networking", "registry-access"]);
    expect(destroyed.map((c) => c.argv)).toContainEqual(["destroy", "--stack", "acme/networking/prod"]);
  });
});

describe("the destroy guard", () => {
  const answering =
    (stacks: ListedStacks, calls: string[][] = []) =>
    (args: readonly string[]) => {
      calls.push([...args]);
      const listed = stacks[args[args.indexOf("--project") + 1]!] ?? [];
      return { status: 0, stdout: JSON.stringify(listed), stderr: "" };
    };

  it("asks nothing and lets a service go: no stack reads a service", () => {
    const calls: string[][] = [];
    expect(refusalFor("service", "acme/service/prod", answering({}, calls))).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it("asks in the stack's org, and counts only the same environment's stacks", () => {
    const calls: string[][] = [];
    const stacks = {
      service: [{ name: "acme/service/dev", resourceCount: 5 }],
      whoami: [{ name: "acme/whoami/prod", resourceCount: 0 }],
    };
    expect(refusalFor("networking", "acme/networking/prod", answering(stacks, calls))).toBeUndefined();
    expect(calls).toContainEqual(["stack", "ls", "--project", "service", "--json", "--organization", "acme"]);
  });

  it("refuses when the backend does not say how many resources a reader's stack has", () => {
    const refusal = refusalFor("registry-access", "prod", answering({ whoami: [{ name: "prod" }] }));
    expect(refusal).toContain("  - whoami/prod (resource count unknown)");
    expect(refusal).toContain("the execution role and the registry secrets every task pulls with");
  });

  it("refuses when it cannot ask the backend, naming the reader and the CLI's error", () => {
    const failing = () => ({ status: 255, stdout: "", stderr: "error: PULUMI_ACCESS_TOKEN must be set\n" });
    expect(refusalFor("networking", "acme/networking/prod", failing)).toMatch(
      /^Refusing to destroy acme\/networking\/prod: could not list the stacks of \w+, which reads networking \(`pulumi stack ls --project \w+`: error: PULUMI_ACCESS_TOKEN must be set\)/,
    );
  });
});
