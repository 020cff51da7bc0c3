import { startInProcessPack } from "../support/in-process";
import { container, taskDefinition } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

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
      expect(finding.enforcementLevel).toBe("advisory"); // built in; config/<env>.json raises it
      expect(finding.detail).toBe(
        `Container \`app\` passes \`${name}\` in plain text through \`environment\`: move it to \`secrets\` with a Secrets Manager or SSM parameter ARN as \`valueFrom\`.`,
      );
    },
  );

  it("accepts a secret-looking name that config allows", async () => {
    await pack.configure({ [rule]: { allowedNames: ["TOKEN_TTL_SECONDS"] } });
    try {
      expect(summarize(await pack.analyze(withEnvironment("TOKEN_TTL_SECONDS")))).toEqual([]);
    } finally {
      await pack.configure({});
    }
  });
});
