import { checkStackFile, redactTokens, SECRET_NOT_SHOWN, type StackConfig } from "../src";

const TOKEN = "glpat-" + "N0tSh0wnAtAll_0123456789";

describe("a token pasted into aws:region or aws:allowedAccountIds", () => {
  it.each([
    ["the region", "aws:region", TOKEN],
    ["the account list", "aws:allowedAccountIds", JSON.stringify([TOKEN])],
    ["an account list that is not JSON", "aws:allowedAccountIds", `[${TOKEN}`],
    ["one of two accounts", "aws:allowedAccountIds", JSON.stringify(["123456789012", TOKEN])],
  ])("in %s is called not shown by the token check, and shown by no later check", (_case, key, value) => {
    const values = { "aws:region": "eu-central-1", "aws:allowedAccountIds": '["123456789012"]', [key]: value };
    const config: StackConfig = { project: "p", stackFile: "Pulumi.prod.yaml", exists: true, values, secretKeys: [] };
    const messages = checkStackFile(config, "prod").map((problem) => problem.message);
    expect(messages[0]).toContain(
      `\`${key}\` in Pulumi.prod.yaml holds a value that looks like a token (not shown here)`,
    );
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.join("\n")).not.toContain(TOKEN.slice(0, 12));
    expect(messages.slice(1).join("\n")).toContain(SECRET_NOT_SHOWN);
  });
});

describe("redactTokens", () => {
  it("replaces every token-looking part of a text, and keeps the rest", () => {
    const text = `a ghp_${"x".repeat(36)} b AKIAABCDEFGHIJKLMNOP c ${TOKEN}`;
    expect(redactTokens(text)).toBe(`a ${SECRET_NOT_SHOWN} b ${SECRET_NOT_SHOWN} c ${SECRET_NOT_SHOWN}`);
    expect(redactTokens("sha256:" + "ab".repeat(32))).toBe("sha256:" + "ab".repeat(32));
  });
});
