// promote.yml run whole on a scratch repository, then its pull request merged and deploy.yml run for main:
// images enter and move only by pull request, opened with an App token, and main deploys exactly that.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { addAnotherService, SHOP } from "@platform/testing/src/another-service";
import { startLocalRegistry, type LocalRegistry } from "../../../libs/registry-client/test/support/local-registry";
import { pushImage } from "../../../libs/registry-client/test/support/push-image";
import { startDelivery, vars, type Delivery } from "./support/delivery";

jest.setTimeout(900_000);

const pinnedDev = `ghcr.io/acme/shop@sha256:${"c3".repeat(32)}`;
const setImage = (dir: string, service: string, env: string, image: string) => {
  const path = join(dir, "projects", service, `Pulumi.${env}.yaml`);
  const next = readFileSync(path, "utf8").replace(new RegExp(`^(\\s*${service}:image:).*$`, "m"), `$1 ${image}`);
  writeFileSync(path, next);
};

let delivery: Delivery;
afterEach(async () => delivery?.stop());

describe("promote.yml from dev to staging, in a repository with two services", () => {
  it("opens a pull request of that service's staging file with the App's token; once merged, only it deploys", async () => {
    delivery = await startDelivery({
      prepare: (dir) => {
        addAnotherService(dir, SHOP);
        setImage(dir, "shop", "dev", pinnedDev);
      },
    });
    const run = await delivery.run("promote.yml", {
      event: { name: "workflow_dispatch" },
      inputs: { service: "shop", to: "staging", from: "dev", image: "" },
    });
    expect([run.result, run.result === "success" ? "" : run.jobs.map((job) => job.log).join("\n")]).toEqual([
      "success",
      "",
    ]);
    expect(delivery.github.pullRequests).toEqual([
      expect.objectContaining({
        head: "promote/shop/staging",
        token: delivery.github.appTokens[0],
        title: "Promote shop: dev → staging",
      }),
    ]);
    const body = delivery.github.pullRequests[0]!.body;
    expect(body).toContain(`+  shop:image: ${pinnedDev}`);
    // The freight: the image, the dev deployment it ran in (the first commit's, whose job passed), the gate.
    const deployedCommit = delivery.github.deployments.find((d) => d.environment === "dev")!.sha;
    expect(body).toContain(`| image | \`${pinnedDev}\` |`);
    expect(body).toMatch(
      new RegExp(
        `\\| source \\| \`dev\`, deployment of \`${deployedCommit}\` at [0-9T:.-]+Z: \`pulumi up\` and the smoke test passed \\|`,
      ),
    );
    expect(body).toContain("| gate | the offline plan of `staging` with the policy pack passed with it;");
    // The real preview of that stack with the promoted file: on main, in staging-drift (its read-only role and token).
    expect(body).toContain(
      "| preview | `pulumi preview` of `shop/staging` with the policy pack, on main, with staging's read-only role passed: same 4 |",
    );
    expect(run.job("preview").environment).toBe("staging-drift");
    const previews = delivery.pulumi.calls().filter((call) => call.argv[0] === "preview");
    expect(previews.map((call) => [call.stack, call.token])).toEqual([["shop/staging", "pul-oidc-team:deployers"]]);
    expect(previews[0]!.argv).toEqual(expect.arrayContaining(["--policy-pack-config", "--json"]));
    expect(readFileSync(join(previews[0]!.cwd, "Pulumi.staging.yaml"), "utf8")).toContain(`shop:image: ${pinnedDev}`);
    expect(delivery.repo.git("diff", "--name-only", "main", "promote/shop/staging")).toBe(
      "projects/shop/Pulumi.staging.yaml",
    );

    delivery.repo.merge("promote/shop/staging");
    expect(delivery.repo.read("projects/shop/Pulumi.staging.yaml")).toContain(pinnedDev);
    const { up } = await delivery.deploy();
    expect(up).toEqual(["shop/staging"]);
  });

  it("opens no pull request when the real preview of the target fails (a mandatory policy violation)", async () => {
    delivery = await startDelivery({
      prepare: (dir) => {
        addAnotherService(dir, SHOP);
        setImage(dir, "shop", "dev", pinnedDev);
      },
    });
    const violation = "[mandatory] fargate-guard v1 (aws:ecs/taskDefinition:TaskDefinition: shop): image-digest-pinned";
    delivery.pulumi.answer("preview shop/staging", {
      exit: 255,
      stdout: JSON.stringify({ diagnostics: [{ severity: "error", message: violation }] }),
    });
    const run = await delivery.run("promote.yml", {
      event: { name: "workflow_dispatch" },
      inputs: { service: "shop", to: "staging", from: "dev", image: "" },
    });
    expect([run.job("promote").result, run.job("preview").result]).toEqual(["success", "failure"]);
    expect(run.job("preview").log).toContain(`::error title=Preview of shop/staging failed::exit 255: ${violation}`);
    expect(run.job("pull-request").result).toBe("skipped");
    expect(delivery.github.appTokens).toEqual([]);
    expect(delivery.github.pullRequests).toEqual([]);
  });

  it("fails the run and opens no pull request when promote refuses (dev runs a tag, not a digest)", async () => {
    delivery = await startDelivery({
      prepare: (dir) =>
        setImage(dir, "service", "dev", "ghcr.io/jonashackt/microservice-api-spring-boot-private:latest"),
    });
    const run = await delivery.run("promote.yml", {
      event: { name: "workflow_dispatch" },
      inputs: { service: "service", to: "staging", from: "dev", image: "" },
    });
    const job = run.job("promote");
    expect(job.result).toBe("failure");
    expect(job.log).toContain("only a digest is promotable");
    expect([run.job("preview").result, run.job("pull-request").result]).toEqual(["skipped", "skipped"]);
    expect(delivery.github.appTokens).toEqual([]);
    expect(delivery.github.pullRequests).toEqual([]);
  });
});

describe("a new image from the application's build (repository_dispatch)", () => {
  let registry: LocalRegistry;
  beforeAll(async () => {
    registry = await startLocalRegistry("puller", "pu11-secret");
  });
  afterAll(async () => registry?.stop());

  it("is pinned by digest in a pull request; once merged, dev deploys exactly that digest and nothing else", async () => {
    const pushed = await pushImage(registry, "team/app", "1.4");
    delivery = await startDelivery({ prepare: (dir) => allowLoopbackRegistry(dir, registry.host) });
    const run = await delivery.run("promote.yml", {
      event: {
        name: "repository_dispatch",
        payload: { client_payload: { service: "service", image: `${registry.host}/team/app:1.4` } },
      },
      // The pair belongs to this registry alone (REGISTRY_HOST): promote sends it nowhere else.
      vars: { ...vars, REGISTRY_HOST: registry.host },
      secrets: { PROMOTION_APP_PRIVATE_KEY: "key", REGISTRY_USERNAME: "puller", REGISTRY_PASSWORD: "pu11-secret" },
    });
    // The log names the failing step when the run fails.
    expect([run.result, run.result === "success" ? "" : run.jobs.map((job) => job.log).join("\n")]).toEqual([
      "success",
      "",
    ]);
    expect(delivery.github.pullRequests.map((pull) => [pull.head, pull.token])).toEqual([
      ["promote/service/dev", delivery.github.appTokens[0]],
    ]);

    delivery.repo.merge("promote/service/dev");
    const pinned = `${registry.host}/team/app@${pushed.manifestDigest}`;
    const { up } = await delivery.deploy();
    expect(up).toEqual(["service/dev"]);
    const call = delivery.pulumi.calls().find((c) => c.argv[0] === "up")!;
    expect(readFileSync(join(call.cwd, "Pulumi.dev.yaml"), "utf8")).toContain(`service:image: ${pinned}`);
  });
});

/**
 * registry-access takes DNS host names only, so the loopback registry gets no credentials secret: as a team
 * would for a public registry, the first commit lists it in dev's profile, beside the public images the profile
 * already allows (another service's among them), and regenerates the pack config.
 */
function allowLoopbackRegistry(dir: string, host: string): void {
  const profiles = join(dir, "libs/config/src/environments.ts");
  const prefix = JSON.stringify(`${host}/`);
  const assignment = `\n(ENVIRONMENT_PROFILES.dev as { publicImagePrefixes: readonly string[] }).publicImagePrefixes = [...ENVIRONMENT_PROFILES.dev.publicImagePrefixes, ${prefix}];\n`;
  writeFileSync(profiles, readFileSync(profiles, "utf8") + assignment);
  execFileSync(
    process.execPath,
    ["--import", "tsx", "policies/fargate-guard/scripts/generate-env-configs.ts", "--write"],
    {
      cwd: dir,
    },
  );
}
