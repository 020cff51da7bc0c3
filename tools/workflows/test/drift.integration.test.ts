// drift.yml run whole (every environment of its matrix) against what each environment last deployed.
import { execFileSync } from "node:child_process";
import { addAnotherService, SHOP } from "@platform/testing/src/another-service";
import { pulumiProjects, startDelivery, type Delivery } from "./support/delivery";

jest.setTimeout(900_000);

let delivery: Delivery;
afterEach(async () => delivery?.stop());

const previews = (delivery: Delivery) => delivery.pulumi.calls().filter((call) => call.argv[0] === "preview");

describe("drift.yml", () => {
  it("reports no drift after a clean deploy, previewing every service's stack of the deployed commit, not main's tip", async () => {
    delivery = await startDelivery({ prepare: (dir) => addAnotherService(dir, SHOP) });
    const deployed = delivery.repo.head;
    delivery.repo.push(["projects/service/index.ts"]); // on main, not deployed yet
    const run = await delivery.run("drift.yml", { event: { name: "schedule" } });
    expect(run.result).toBe("success");
    for (const env of ["dev", "staging", "prod"]) {
      const job = run.job("drift", { env });
      expect(job.concurrency).toBe(`deploy-${env}`);
      expect(job.summary).toContain(`| \`service/${env}\` | no drift |`);
      expect(job.summary).toContain(`| \`shop/${env}\` | no drift |`);
    }
    const calls = previews(delivery);
    const projects = pulumiProjects(delivery.repo);
    expect(projects).toEqual(expect.arrayContaining(["networking", "registry-access", "service", "shop"]));
    expect(calls.map((call) => call.stack).sort()).toEqual(
      projects.flatMap((p) => [`${p}/dev`, `${p}/prod`, `${p}/staging`]),
    );
    for (const call of calls) {
      expect(call.argv).toEqual(expect.arrayContaining(["--refresh", "--json"]));
      expect(execFileSync("git", ["rev-parse", "HEAD"], { cwd: call.cwd, encoding: "utf8" }).trim()).toBe(deployed);
    }
  });

  it("warns, and previews nothing, for an environment that was never deployed", async () => {
    delivery = await startDelivery({ deployed: ["dev"] });
    const run = await delivery.run("drift.yml", { event: { name: "schedule" } });
    expect(run.result).toBe("success");
    expect(run.job("drift", { env: "prod" }).log).toContain("::warning title=prod was never deployed::");
    expect(previews(delivery).map((call) => call.stack.split("/")[1])).toEqual(
      pulumiProjects(delivery.repo).map(() => "dev"),
    );
  });

  it("tells a failed preview (an error) from drift, and still checks every other stack", async () => {
    delivery = await startDelivery();
    const accessDenied = { diagnostics: [{ severity: "error", message: "AccessDenied: not authorized" }] };
    delivery.pulumi.answer("preview networking/prod", { exit: 255, stdout: JSON.stringify(accessDenied) });
    const drifted = { steps: [], changeSummary: { same: 3, update: 1 }, diagnostics: [] };
    delivery.pulumi.answer("preview service/staging", { stdout: JSON.stringify(drifted) });
    const run = await delivery.run("drift.yml", { event: { name: "schedule" } });

    expect(run.job("drift", { env: "dev" }).result).toBe("success");
    const staging = run.job("drift", { env: "staging" });
    expect(staging.result).toBe("failure");
    expect(staging.log).toContain("::error title=Drift in service/staging::");
    expect(staging.log).not.toContain("(not drift)");
    const prod = run.job("drift", { env: "prod" });
    expect(prod.result).toBe("failure");
    expect(prod.log).toContain("::error title=Preview of networking/prod failed (not drift)::exit 255: AccessDenied");
    expect(prod.log).not.toContain("title=Drift");
    expect(prod.summary).toContain("| `service/prod` | no drift |");
    expect(
      previews(delivery)
        .map((call) => call.stack)
        .filter((stack) => stack.endsWith("/prod")),
    ).toHaveLength(pulumiProjects(delivery.repo).length);
  });

  it("fails an environment whose registry token expires within 30 days with the preflight's line, after its previews", async () => {
    delivery = await startDelivery();
    const deployed = delivery.repo.head;
    delivery.repo.push(["projects/service/index.ts"]);
    const line = "ghcr.io token for prod expires in 9 days (2026-12-16)";
    delivery.preflight.answer("prod", { exit: 1, stdout: `WARN  ghcr.io token expiry: ${line}\n` });
    const run = await delivery.run("drift.yml", { event: { name: "schedule" } });

    expect(run.job("drift", { env: "dev" }).result).toBe("success");
    const prod = run.job("drift", { env: "prod" });
    expect(prod.result).toBe("failure");
    expect(prod.log).toContain(`::error title=Registry token of prod::${line}\n`);
    expect(prod.summary).toContain("| `service/prod` | no drift |");
    expect(prod.summary).toContain(`- WARN ${line}`);
    const calls = delivery.preflight.calls();
    expect(calls.map((call) => call.argv).sort()).toEqual(
      ["dev", "prod", "staging"].map((env) => ["--env", env, "--only", "token-expiry", "--fail-on-warning"]),
    );
    for (const call of calls) {
      expect(execFileSync("git", ["rev-parse", "HEAD"], { cwd: call.cwd, encoding: "utf8" }).trim()).toBe(deployed);
    }
  });

  it("judges every stack's deployed state with main's pack and the environment's config, failing on a mandatory violation", async () => {
    delivery = await startDelivery();
    delivery.repo.push(["projects/service/index.ts"]); // main, ahead of what was deployed: its pack judges
    const mandatory = {
      policyEvent: {
        resourceUrn: "urn:pulumi:prod::service::aws:iam/role:Role::app-prod-execution",
        message: "Execution role may read every secret.",
        policyName: "secret-access-least-privilege",
        policyPackName: "fargate-guard",
        enforcementLevel: "mandatory",
      },
    };
    const summary = { summaryEvent: { result: "failed" } };
    delivery.pulumi.answer("policy service/prod", {
      exit: 255,
      stdout: [mandatory, summary].map((event) => JSON.stringify(event)).join("\n"),
      stderr: "error: one or more mandatory policy violations were found\n",
    });
    delivery.pulumi.answer("policy networking/dev", { exit: 255, stderr: "error: no stack named 'dev' found\n" });
    const run = await delivery.run("drift.yml", { event: { name: "schedule" } });

    const analyzed = delivery.pulumi.calls().filter((call) => call.argv.slice(0, 2).join(" ") === "policy analyze");
    const projects = pulumiProjects(delivery.repo);
    expect(analyzed.map((call) => call.stack).sort()).toEqual(
      projects.flatMap((p) => [`${p}/dev`, `${p}/prod`, `${p}/staging`]),
    );
    for (const call of analyzed) {
      const env = call.stack.split("/")[1]!;
      expect(call.argv).toEqual(
        expect.arrayContaining([
          "--json",
          "--policy-pack",
          "../../policies/fargate-guard",
          "--policy-pack-config",
          `../../policies/fargate-guard/config/${env}.json`,
        ]),
      );
      expect(execFileSync("git", ["rev-parse", "HEAD"], { cwd: call.cwd, encoding: "utf8" }).trim()).toBe(
        delivery.repo.head,
      );
    }
    const prod = run.job("policy", { env: "prod" });
    expect(prod.result).toBe("failure");
    expect(prod.log).toContain(
      "::error title=Policy violation in the deployed state of service/prod::1 mandatory: secret-access-least-privilege: Execution role may read every secret.",
    );
    expect(prod.summary).toContain("| `networking/prod` | passes (0 advisory) |");
    const dev = run.job("policy", { env: "dev" });
    expect(dev.result).toBe("success");
    expect(dev.summary).toContain("| `networking/dev` | not deployed |");
    expect(run.job("policy", { env: "staging" }).result).toBe("success");
  });
});
