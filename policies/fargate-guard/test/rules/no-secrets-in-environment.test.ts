import { startInProcessPack } from "../support/in-process";
import { detailsOf, onlyFinding, summarize } from "../support/expect-findings";
import { awsxFargateService, awsxTaskDefinitionArgs, container, taskDefinition } from "../support/fixtures";
import { PREVIEW_UNKNOWN } from "../support/wire";

const pack = startInProcessPack();
const rule = "no-secrets-in-environment";
const withEnvironment = (...names: string[]) =>
  taskDefinition({ containers: [container({ environment: names.map((name) => ({ name, value: "x" })) })] });

describe("no-secrets-in-environment", () => {
  it("accepts ordinary variables and references to secrets", async () => {
    expect(
      summarize(await pack.analyze(withEnvironment("SPRING_PROFILES_ACTIVE", "DB_PASSWORD_SECRET_ARN", "TOKEN_URL"))),
    ).toEqual([]);
  });

  it.each(["DB_PASSWORD", "GITHUB_TOKEN", "STRIPE_API_KEY", "AWS_SECRET_ACCESS_KEY", "client_secret"])(
    "rejects %s in environment",
    async (name) => {
      const finding = onlyFinding(await pack.analyze(withEnvironment(name)), rule);
      expect(finding.enforcementLevel).toBe("mandatory"); // a literal secret, at built-in levels
      expect(finding.detail).toBe(
        `Container \`app\` passes \`${name}\` in plain text through \`environment\`: move it to \`secrets\` with a Secrets Manager or SSM parameter ARN as \`valueFrom\`.`,
      );
    },
  );

  it("judges every variable, whatever comes before it, and keeps a secret-looking name with an unknown value advisory", async () => {
    const environment = [
      { name: "DB_HOST", value: PREVIEW_UNKNOWN },
      { name: "API_TOKEN", value: PREVIEW_UNKNOWN },
      { name: "DB_PASSWORD", value: "hunter2" },
      { name: "DATABASE_URL", value: "postgres://app:hunter2@db:5432/app" },
    ];
    const service = awsxFargateService({
      taskDefinitionArgs: awsxTaskDefinitionArgs({ container: container({ environment }) }),
    });
    const details = detailsOf(await pack.analyze(service), rule);
    expect(details).toEqual([
      "[advisory] Container `app` passes `API_TOKEN` through `environment`, and its value is not known in this " +
        "preview: if it is the secret itself, move it to `secrets` with a Secrets Manager or SSM parameter ARN as `valueFrom`.",
      expect.stringMatching(/^\[mandatory\] Container `app` passes `DB_PASSWORD` in plain text/),
      expect.stringMatching(/^\[mandatory\] Container `app` passes a URL with a password in `DATABASE_URL`/),
    ]);
    expect(details.join("\n")).not.toContain("hunter2");
  });

  it("accepts a secret-looking name that config allows", async () => {
    await pack.configure({ [rule]: { allowedNames: ["TOKEN_TTL_SECONDS"] } });
    try {
      expect(summarize(await pack.analyze(withEnvironment("TOKEN_TTL_SECONDS")))).toEqual([]);
    } finally {
      await pack.configure({});
    }
  });

  it("rejects a password inside a URL, whatever the variable's name, without showing it", async () => {
    const task = taskDefinition({
      containers: [container({ environment: [{ name: "DATABASE_URL", value: "postgres://app:hunter2@db:5432/app" }] })],
    });
    const finding = onlyFinding(await pack.analyze(task), rule);
    expect(finding.detail).toBe(
      "Container `app` passes a URL with a password in `DATABASE_URL` through `environment`: move the whole URL to " +
        "`secrets` (a Secrets Manager secret holding it, as `valueFrom`).",
    );
    expect(finding.message).not.toContain("hunter2");
  });

  it("accepts URLs without a password", async () => {
    const environment = [
      { name: "CACHE_URL", value: "redis://cache:6379/0" },
      { name: "PROFILE_URL", value: "https://user@example.com/profile" },
    ];
    expect(summarize(await pack.analyze(taskDefinition({ containers: [container({ environment })] })))).toEqual([]);
  });

  it.each([
    ["command", ["redis-server", "--requirepass", "hunter2"], "`--requirepass` with a literal value"],
    ["entryPoint", ["sh", "-c", "exec worker --api-key=hunter2"], "`--api-key` with a literal value"],
    ["command", ["migrate", "postgres://app:hunter2@db/app"], "a URL with a password"],
  ])("rejects a secret in %s: %j", async (key, args, what) => {
    const finding = onlyFinding(await pack.analyze(taskDefinition({ containers: [container({ [key]: args })] })), rule);
    expect(finding.detail).toBe(
      `Container \`app\` passes a secret in plain text in \`${key}\` (${what}): put it in \`secrets\` and have the ` +
        "command read that variable, e.g. `sh -c '… \"$VARIABLE\"'`.",
    );
    expect(finding.message).not.toContain("hunter2");
  });

  it("accepts commands that take a secret from a file or a variable", async () => {
    const command = ["sh", "-c", 'redis-server --requirepass "$REDIS_PASSWORD" --port 6379'];
    const entryPoint = ["app", "--password-file", "/run/secrets/db"];
    expect(summarize(await pack.analyze(taskDefinition({ containers: [container({ command, entryPoint })] })))).toEqual(
      [],
    );
  });
});
