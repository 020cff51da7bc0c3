// deploy.yml run whole, job by job, on pushes to a scratch repository (git, jq and curl are real; pulumi and
// the GitHub API are stand-ins): each environment deploys what changed since its last successful deployment.
// Scenarios that continue one history share its repository: each `it` is one step of that history, in order.
import { addAnotherService, SHOP } from "@platform/testing/src/another-service";
import {
  pulumiProjects,
  serviceProjects,
  startDelivery,
  upstreamProjects,
  vars,
  type Delivery,
} from "./support/delivery";

jest.setTimeout(600_000);

/** A second service beside projects/service, in the scratch repository's first commit. */
const withShop = (dir: string) => addAnotherService(dir, SHOP);

describe("deploy.yml", () => {
  describe("a first push, then a force-push that drops it", () => {
    let delivery: Delivery;
    beforeAll(async () => {
      delivery = await startDelivery({ deployed: [], prepare: withShop });
    });
    afterAll(async () => delivery?.stop());

    it("deploys every stack of every environment on the first push, upstream stacks first, dev → staging → prod", async () => {
      const { run, up } = await delivery.deploy();
      expect(run.result).toBe("success");
      const projects = pulumiProjects(delivery.repo);
      expect(projects).toContain("service");
      for (const [index, env] of ["dev", "staging", "prod"].entries()) {
        const stacks = up.slice(index * projects.length, (index + 1) * projects.length);
        expect([...stacks].sort()).toEqual(projects.map((project) => `${project}/${env}`));
        expect(stacks.slice(0, 2).sort()).toEqual(upstreamProjects.map((project) => `${project}/${env}`));
      }
      expect(run.job("dev").log).toMatch(/healthy after 1 attempt/);
    });

    it("ran each service's preflight in each environment on that first deploy, after the shared stacks, before any service", () => {
      const ups = delivery.pulumi.calls().filter((call) => call.argv[0] === "up");
      const services = serviceProjects(delivery.repo);
      for (const env of ["dev", "staging", "prod"]) {
        const preflights = delivery.preflight.calls().filter((call) => call.argv.includes(env));
        expect(preflights.map((call) => call.argv.join(" ")).sort()).toEqual(
          services.map((service) => `--env ${env} --service ${service}`).sort(),
        );
        const inEnv = ups.filter((call) => call.stack.endsWith(`/${env}`));
        const shared = inEnv.filter((call) => upstreamProjects.includes(call.stack.split("/")[0]!));
        const ofServices = inEnv.filter((call) => !upstreamProjects.includes(call.stack.split("/")[0]!));
        const at = preflights.map((call) => call.at);
        expect(Math.min(...at)).toBeGreaterThanOrEqual(Math.max(...shared.map((call) => call.started)));
        expect(Math.max(...at)).toBeLessThanOrEqual(Math.min(...ofServices.map((call) => call.started)));
      }
    });

    it("deploys every stack when the deployed commit left the history (a force-push)", async () => {
      // The deployed first commit, rewritten: main no longer contains it.
      delivery.repo.push(["README.md"]);
      delivery.repo.git("reset", "-q", "--soft", "HEAD~1");
      delivery.repo.git("commit", "-q", "--amend", "-m", "first commit, rewritten");
      const { run, up } = await delivery.deploy();
      expect(up.filter((stack) => stack.endsWith("/dev")).sort()).toEqual(
        pulumiProjects(delivery.repo).map((project) => `${project}/dev`),
      );
      expect(run.job("dev").log).toContain("is not in this history; deploying every stack");
    });
  });

  describe("from a first commit that every environment runs", () => {
    let delivery: Delivery;
    afterEach(async () => delivery?.stop());

    it("deploys nothing for a README-only push, and asks no reviewer", async () => {
      delivery = await startDelivery();
      delivery.repo.push(["README.md"]);
      const { run, up } = await delivery.deploy();
      expect(up).toEqual([]);
      expect(run.job("changes").outputs).toEqual({ dev: "", staging: "", prod: "" });
      expect(["dev", "staging", "prod"].map((env) => run.job(env).result)).toEqual(["skipped", "skipped", "skipped"]);
    });

    it("deploys, of two services, each in the environment whose stack file changed, and nothing else", async () => {
      delivery = await startDelivery({ prepare: withShop });
      delivery.repo.push(["projects/shop/Pulumi.prod.yaml", "projects/service/Pulumi.staging.yaml"]);
      const { run, up } = await delivery.deploy();
      expect(up).toEqual(["service/staging", "shop/prod"]);
      expect(delivery.preflight.calls()).toEqual([]); // not a first deploy
      expect(run.job("changes").outputs).toEqual({ dev: "", staging: "service", prod: "shop" });
      expect(run.job("dev").result).toBe("skipped");
      expect([run.job("staging").result, run.job("prod").result]).toEqual(["success", "success"]);
    });
  });

  describe("a change to one environment's policy pack config", () => {
    let delivery: Delivery;
    afterAll(async () => delivery?.stop());

    it("deploys every stack of that environment, and nothing in the others", async () => {
      delivery = await startDelivery();
      const file = "policies/fargate-guard/config/staging.json";
      delivery.repo.write(file, `${delivery.repo.read(file).trimEnd()} \n`);
      const { run, up } = await delivery.deploy();
      expect(run.job("changes").outputs.dev).toBe("");
      expect(run.job("changes").outputs.prod).toBe("");
      expect([...up].sort()).toEqual(pulumiProjects(delivery.repo).map((project) => `${project}/staging`));
    });
  });

  describe("a failed deploy, the pushes after it, and a re-run of an older commit", () => {
    let delivery: Delivery;
    beforeAll(async () => {
      delivery = await startDelivery({ prepare: withShop });
    });
    afterAll(async () => delivery?.stop());

    it("deploys both changes on the push after a failed deploy, never only the last commit", async () => {
      delivery.pulumi.answer("up networking/dev", { exit: 255, stderr: "error: AccessDenied\n" });
      delivery.repo.push(["projects/networking/index.ts"]);
      const failed = await delivery.deploy();
      expect(failed.run.job("dev").result).toBe("failure");
      expect(["staging", "prod"].map((env) => failed.run.job(env).result)).toEqual(["skipped", "skipped"]);

      delivery.pulumi.answer("up networking/dev", { exit: 0 });
      delivery.repo.push(["projects/service/index.ts"]);
      const { up } = await delivery.deploy();
      // networking first; then every service, as each reads networking (registry-access is unchanged).
      for (const env of ["dev", "staging"]) {
        const [first, ...rest] = up.filter((stack) => stack.endsWith(`/${env}`));
        expect([first, rest.sort()]).toEqual([
          `networking/${env}`,
          serviceProjects(delivery.repo).map((service) => `${service}/${env}`),
        ]);
      }
    });

    it("deploys nothing, and passes, where a newer run overtook it while it waited for its environment", async () => {
      // Every environment runs main's tip now (the deploy above). GitHub may start queued runs in any order.
      delivery.repo.push(["projects/service/index.ts"]);
      const older = delivery.repo.head;
      delivery.repo.push(["projects/shop/index.ts"]);
      let overtaking: string[] = [];
      const late = await delivery.deploy(older, {
        beforeJob: async (job) => {
          if (job === "dev") overtaking = (await delivery.deploy()).up;
        },
      });
      expect(overtaking).toEqual(expect.arrayContaining(["service/dev", "shop/dev", "service/prod", "shop/prod"]));
      expect(late.up).toEqual(overtaking); // the late run's own jobs called no `pulumi up`
      expect(late.run.result).toBe("success");
      expect(late.run.job("dev").log).toContain(`a descendant of ${older}; deploying ${older} would roll it back`);
      // Its jobs recorded the last successes, of the older commit; the newer one is still what each environment runs.
      expect(delivery.github.deployments.at(-1)).toMatchObject({ environment: "prod", sha: older });
      const next = await delivery.deploy();
      expect([next.up, next.run.job("changes").outputs]).toEqual([[], { dev: "", staging: "", prod: "" }]);
      // And a re-run of the older commit now deploys nothing from the start.
      const rerun = await delivery.deploy(older);
      expect([rerun.run.result, rerun.up, rerun.run.job("dev").result]).toEqual(["success", [], "skipped"]);
    });

    it("logs Pulumi in with the OIDC-exchanged team token and GitHub's API with the run's own token", () => {
      // Every `pulumi up` and API request of the deploys above.
      const ups = delivery.pulumi.calls().filter((call) => call.argv[0] === "up");
      expect(ups.length).toBeGreaterThan(0);
      expect(new Set(ups.map((call) => call.token))).toEqual(new Set(["pul-oidc-team:deployers"]));
      expect(delivery.github.requests.length).toBeGreaterThan(0);
      expect(new Set(delivery.github.requests.map((r) => r.token))).toEqual(new Set([delivery.github.runToken]));
    });

    it("logs Pulumi in with an organization token where PULUMI_TOKEN_TYPE says so (Pulumi's Team edition)", async () => {
      delivery.repo.push(["projects/service/index.ts"]);
      const before = delivery.pulumi.calls().length;
      const { run, up } = await delivery.deploy(undefined, { vars: { ...vars, PULUMI_TOKEN_TYPE: "organization" } });
      expect([run.result, up]).toEqual(["success", ["service/dev", "service/staging", "service/prod"]]);
      const tokens = delivery.pulumi
        .calls()
        .slice(before)
        .map((call) => call.token);
      expect(new Set(tokens)).toEqual(new Set(["pul-oidc-organization"]));
    });
  });
});
