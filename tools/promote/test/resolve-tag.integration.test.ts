import { execFileSync } from "node:child_process";
import { startLocalRegistry, type LocalRegistry } from "../../../libs/registry-client/test/support/local-registry";
import { pushImage, type PushedImage } from "../../../libs/registry-client/test/support/push-image";
import { copyWorkspace, runPromote, type TemporaryWorkspace } from "./support/workspace";

// --image with a tag: the tag is resolved to its digest by a real registry (Debian's docker-registry with
// htpasswd auth on a loopback port), then the dev plan runs with the pinned image.
let registry: LocalRegistry;
let pushed: PushedImage;
let workspace: TemporaryWorkspace;
const devPath = "projects/service/Pulumi.dev.yaml";

beforeAll(async () => {
  registry = await startLocalRegistry("promoter", "t0p-secret");
  pushed = await pushImage(registry, "team/app", "1.0");
  workspace = copyWorkspace();
  // registry-access only takes DNS host names, so the loopback registry cannot get a credentials secret.
  // As a team would for a public registry, the copy lists it in dev's profile (the one home of public prefixes),
  // beside the prefixes already there (another service's public image among them), and regenerates the pack's config from the profiles, so dev's plan can pass. The edit is appended as an
  // assignment, so it does not depend on how the profile file is laid out.
  const profiles = "libs/config/src/environments.ts";
  const prefix = JSON.stringify(`${registry.host}/`);
  const allowLoopback = `\n(ENVIRONMENT_PROFILES.dev as { publicImagePrefixes: readonly string[] }).publicImagePrefixes = [...ENVIRONMENT_PROFILES.dev.publicImagePrefixes, ${prefix}];\n`;
  workspace.write(profiles, workspace.read(profiles) + allowLoopback);
  execFileSync(
    process.execPath,
    ["--import", "tsx", "policies/fargate-guard/scripts/generate-env-configs.ts", "--write"],
    {
      cwd: workspace.dir,
    },
  );
});
afterAll(async () => {
  workspace?.remove();
  await registry?.stop();
});

describe("promote --image <tag> --to dev", () => {
  it("fails with wrong credentials: 401 and the username, never the password, and writes nothing", async () => {
    const before = workspace.read(devPath);
    const env = { REGISTRY_HOST: registry.host, REGISTRY_USERNAME: "promoter", REGISTRY_PASSWORD: "not-the-password" };
    const result = await runPromote(
      workspace,
      ["--service", "service", "--image", `${registry.host}/team/app:1.0`, "--to", "dev"],
      env,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("401 Unauthorized");
    expect(result.stderr).toContain('as user "promoter"');
    expect(result.stderr).not.toContain("not-the-password");
    expect(workspace.read(devPath)).toBe(before);
  });

  it("resolves localhost:<port>/team/app:1.0 to the manifest's digest and writes the pinned image", async () => {
    const env = { REGISTRY_HOST: registry.host, REGISTRY_USERNAME: "promoter", REGISTRY_PASSWORD: "t0p-secret" };
    const args = ["--service", "service", "--image", `${registry.host}/team/app:1.0`, "--to", "dev", "--json"];
    const result = await runPromote(workspace, args, env);
    expect(result.stderr).not.toContain("promote:");
    const pinned = `${registry.host}/team/app@${pushed.manifestDigest}`;
    const report: unknown = JSON.parse(result.stdout);
    expect(report).toMatchObject({ from: null, to: "dev", image: pinned, changed: true });
    expect(result.code).toBe(0);
    expect(workspace.read(devPath)).toContain(`service:image: ${pinned}`);
  });
});
