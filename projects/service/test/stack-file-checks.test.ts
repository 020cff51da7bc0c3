// Stack files: misspelt keys and namespaces, tokens in plaintext, AWS region and accounts, YAML syntax.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, renderFix, staticConfigSource } from "@platform/config";
import { checkStackFile, readStackConfig, StackFileSyntaxError } from "@platform/config-files";
import { serviceConfig } from "@platform/service-component";

const TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
const IMAGE = "ghcr.io/acme/app:1.0";

function project(stackFile: string, env = "dev"): string {
  const dir = mkdtempSync(join(tmpdir(), "stack-checks-"));
  writeFileSync(join(dir, "Pulumi.yaml"), "name: service\nruntime: nodejs\n");
  writeFileSync(join(dir, `Pulumi.${env}.yaml`), stackFile);
  return dir;
}

const issuesOf = (values: Record<string, string>, env = "dev") => {
  try {
    serviceConfig(
      staticConfigSource(env, { "service:image": IMAGE, "service:listenerPriority": "1000", ...values }),
      "service",
    );
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => ({ ...i, message: err.message }));
    throw err;
  }
};

it("takes the container's command as a list of arguments, and refuses anything else", () => {
  const source = (command: string) =>
    staticConfigSource("dev", {
      "service:image": IMAGE,
      "service:listenerPriority": "1000",
      "service:command": command,
    });
  expect(serviceConfig(source('["--port","8098"]'), "service").command).toEqual(["--port", "8098"]);
  const [issue] = issuesOf({ "service:command": '"--port 8098"' });
  expect(issue!.problem).toContain("a list of 1 to 32 non-empty strings: the arguments to the image's entrypoint");
});

it("takes the former name of a stack deployed before services were components, and refuses a malformed one", () => {
  const config = (values: Record<string, string>) =>
    serviceConfig(
      staticConfigSource("dev", { "service:image": IMAGE, "service:listenerPriority": "1000", ...values }),
      "service",
    );
  expect(config({ "service:formerName": "app-dev" }).formerName).toBe("app-dev");
  expect(config({}).formerName).toBeUndefined();
  const [issue] = issuesOf({ "service:formerName": "App Dev" });
  expect(issue!.problem).toContain("expected the name this stack's resources had before services became components");
  expect(issue!.fix).toEqual({
    kind: "set",
    key: "service:formerName",
    value: "app-dev",
    stack: "dev",
  });
});

it("takes the former target group of the cut-over's first step as a target group ARN, and refuses anything else", () => {
  const arn =
    "arn:aws:elasticloadbalancing:eu-central-1:111111111111:targetgroup/app-dev-service-e3224a4/e3224a410b17e675";
  const config = serviceConfig(
    staticConfigSource("dev", {
      "service:image": IMAGE,
      "service:listenerPriority": "1000",
      "service:formerTargetGroupArn": arn,
    }),
    "service",
  );
  expect(config.formerTargetGroupArn).toBe(arn);
  // A listener's ARN, pasted from the wrong output, is not a target group.
  const listener =
    "arn:aws:elasticloadbalancing:eu-central-1:111111111111:listener/app/app-dev/683d4ad6d1afbc5d/a21c8b14e1d944dc";
  const [issue] = issuesOf({ "service:formerTargetGroupArn": listener });
  expect(issue!.problem).toContain("`pulumi stack output targetGroupArn` of networking before the upgrade");
  expect(issue!.fix).toMatchObject({ kind: "set", key: "service:formerTargetGroupArn" });
});

it("refuses an unknown key of the project's namespace and names the nearest known key", () => {
  const [issue] = issuesOf({ "service:desiredcount": "2" });
  expect(issue!.problem).toContain(
    "`service` has no key `desiredcount`, so it would be ignored. Did you mean `service:desiredCount`?",
  );
  expect(issue!.fix).toEqual({
    kind: "rename",
    key: "service:desiredcount",
    to: "service:desiredCount",
    stackFile: "Pulumi.dev.yaml",
  });
  expect(renderFix(issue!.fix)).toBe("rename `service:desiredcount` to `service:desiredCount` in Pulumi.dev.yaml");
});

it("refuses a misspelt namespace and names the project's own", () => {
  const [issue] = issuesOf({ "servce:cpu": "512" });
  expect(issue!.problem).toContain("no one reads the namespace `servce`");
  expect(renderFix(issue!.fix)).toBe("rename `servce:cpu` to `service:cpu` in Pulumi.dev.yaml");
});

it("shows a custom check's own message instead of only the generic expectation", () => {
  const [issue] = issuesOf({ "service:image": "ghcr.io/Acme/App:1.0" });
  expect(issue!.problem).toMatch(/lowercase/);
});

it("never repeats a token-looking value in a config error, even under an unknown key", () => {
  const issues = issuesOf({ "service:githubToken": TOKEN });
  expect(issues).toHaveLength(1);
  expect(issues[0]!.message).not.toContain(TOKEN);
  expect(issues[0]!.message).toContain("<looks like a token, not shown>");
});

it.each(["ghp_", "github_pat_", "glpat-", "npm_"])(
  "refuses a plaintext value starting %s under any key, without echoing it",
  (prefix) => {
    const token = prefix + "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0Ed9Cb8Aa7";
    const config = readStackConfig(
      project(
        `config:\n  aws:region: eu-central-1\n  aws:allowedAccountIds: ["111111111111"]\n  service:note: ${token}\n`,
      ),
      "dev",
    );
    const problems = checkStackFile(config, "dev");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ key: "service:note", severity: "error" });
    expect(problems[0]!.message).toContain("looks like a token (not shown here)");
    expect(problems[0]!.message).not.toContain(token);
  },
);

it("refuses a region @pulumi/aws does not know and suggests the nearest", () => {
  const config = readStackConfig(
    project('config:\n  aws:region: eu-centrl-1\n  aws:allowedAccountIds: ["111111111111"]\n'),
    "dev",
  );
  const [problem] = checkStackFile(config, "dev");
  expect(problem!.message).toContain('`aws:region` is "eu-centrl-1" in Pulumi.dev.yaml');
  expect(problem!.message).toContain("Did you mean `eu-central-1`?");
  expect(problem!.message).toContain("Fix: set `aws:region: eu-central-1` in Pulumi.dev.yaml.");
});

it.each([
  ["a number, which loses leading zeros", "aws:allowedAccountIds: [111111111111]", "in quotes"],
  ["eleven digits", 'aws:allowedAccountIds: ["11111111111"]', "exactly 12 digits"],
  ["a single string", "aws:allowedAccountIds: 111111111111", "expected a list"],
  ["an empty list", "aws:allowedAccountIds: []", "non-empty list"],
])("refuses aws:allowedAccountIds given as %s", (_, line, message) => {
  const config = readStackConfig(project(`config:\n  aws:region: eu-central-1\n  ${line}\n`), "dev");
  const [problem] = checkStackFile(config, "dev");
  expect(problem).toMatchObject({ key: "aws:allowedAccountIds", severity: "error" });
  expect(problem!.message).toContain(message);
});

it.each([
  ["dev", "warning"],
  ["staging", "error"],
  ["prod", "error"],
])("treats a missing region and account list in %s as an %s", (env, severity) => {
  const config = readStackConfig(project("config:\n  service:cpu: 512\n", env), env);
  expect(checkStackFile(config, env).map((p) => [p.key, p.severity])).toEqual([
    ["aws:region", severity],
    ["aws:allowedAccountIds", severity],
  ]);
});

it("names the file, line and column of a YAML syntax error, without quoting the line", () => {
  const dir = project(`config:\n  aws:region: eu-central-1\n  service:image: ${TOKEN}: b: c\n`);
  let error: unknown;
  try {
    readStackConfig(dir, "dev");
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(StackFileSyntaxError);
  const { line, column, message } = error as StackFileSyntaxError;
  expect([line, column]).toEqual([3, 18]);
  expect(message).toMatch(/Pulumi\.dev\.yaml:3:18: not valid YAML: .+\. Fix: correct the YAML at line 3, column 18/);
  expect(message).not.toContain(TOKEN);
});
