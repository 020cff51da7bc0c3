import {
  copyWorkspace,
  digestA,
  ghcrImage,
  runPromote,
  setServiceImage,
  type TemporaryWorkspace,
} from "./support/workspace";

// Refusals that need no plan: each exits 2 with a Fix line and leaves every stack file as it was. They share one
// copy of the workspace, whose stack files each test gets back as they were copied.
let workspace: TemporaryWorkspace;
let copied: Record<string, string>;
let before: Record<string, string>;
const stackFile = (env: string) => `projects/service/Pulumi.${env}.yaml`;

beforeAll(() => {
  workspace = copyWorkspace();
  copied = Object.fromEntries(["dev", "staging", "prod"].map((env) => [env, workspace.read(stackFile(env))]));
});
beforeEach(() => {
  for (const [env, text] of Object.entries(copied)) workspace.write(stackFile(env), text);
  before = { ...copied };
});
afterAll(() => workspace.remove());

function expectNothingWritten(): void {
  for (const [env, text] of Object.entries(before)) {
    expect(workspace.read(stackFile(env))).toBe(text);
  }
}

describe("promote refuses", () => {
  it("a source environment that runs a tag, and says how to pin it by digest", async () => {
    setServiceImage(workspace, "dev", `${ghcrImage}:latest`);
    before = { ...before, dev: workspace.read(stackFile("dev")) };
    const result = await runPromote(workspace, ["--service", "service", "--from", "dev", "--to", "staging"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`is ${ghcrImage}:latest, pinned by tag`);
    expect(result.stderr).toContain(
      `Fix: pin dev first: npm run promote -- --service service --to dev --image ${ghcrImage}:latest`,
    );
    expectNothingWritten();
  });

  it.each(["staging", "prod"])("a tag given as the image for %s: a tag enters dev only", async (to) => {
    const result = await runPromote(workspace, [
      ...["--service", "service", "--to", to, "--image", `${ghcrImage}:1.4`],
      ...["--skip-stage", "--reason", "hotfix"],
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--image ${ghcrImage}:1.4 is a tag, and a tag enters dev only`);
    expect(result.stderr).toContain(`Fix: npm run promote -- --to dev --image ${ghcrImage}:1.4`);
    expectNothingWritten();
  });

  it("dev → prod without --skip-stage --reason, naming the skipped staging", async () => {
    setServiceImage(workspace, "dev", `${ghcrImage}@${digestA}`);
    before.dev = workspace.read(stackFile("dev"));
    const result = await runPromote(workspace, ["--service", "service", "--from", "dev", "--to", "prod"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Promoting dev → prod skips staging");
    expect(result.stderr).toContain('Fix: promote through staging first, or add --skip-stage --reason "<why>"');
    expectNothingWritten();
  });

  it("--skip-stage without a reason", async () => {
    const result = await runPromote(workspace, [
      "--service",
      "service",
      "--from",
      "dev",
      "--to",
      "prod",
      "--skip-stage",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--skip-stage needs --reason");
  });

  it("a promotion backwards, from prod to staging", async () => {
    const result = await runPromote(workspace, ["--service", "service", "--from", "prod", "--to", "staging"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("promotion goes dev → staging → prod");
  });

  it("an unknown environment, listing the allowed ones", async () => {
    const result = await runPromote(workspace, ["--service", "service", "--from", "dev", "--to", "qa"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--to "qa" is not an environment; allowed: dev, staging, prod.');
  });

  it("both --from and --image at once", async () => {
    const args = ["--service", "service", "--from", "dev", "--image", `${ghcrImage}@${digestA}`, "--to", "staging"];
    const result = await runPromote(workspace, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Give exactly one of --from <env>");
  });
});

describe("promote refuses a command line", () => {
  const pinned = `${ghcrImage}@${digestA}`;
  it.each([
    [
      ["--to", "staging", "--from", "dev", "--from", "staging"],
      "--from is given 2 times, and it may be given once: `--from dev`, `--from staging`.",
    ],
    [
      ["--to", "staging", "--image", pinned, "--image", `${ghcrImage}:2`],
      `--image is given 2 times, and it may be given once: \`--image ${pinned}\`, \`--image ${ghcrImage}:2\`.`,
    ],
    [["--to", "staging", "--to", "prod", "--from", "dev"], "--to is given 2 times"],
    [["--to", "staging", "--form", "dev"], "Unknown option '--form'. Did you mean `--from`?"],
    [["--to", "staging", "--from"], "`--from` needs a value"],
  ])("%j, naming the flag, with exit code 2 and a Fix", async (args, message) => {
    const result = await runPromote(workspace, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("Fix: ");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expectNothingWritten();
  });
});
