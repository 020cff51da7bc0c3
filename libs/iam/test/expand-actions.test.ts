import { expandActions } from "../src/access";

describe("expandActions", () => {
  it("expands a service wildcard to the concrete actions it covers", async () => {
    const actions = await expandActions("secretsmanager:Get*");
    expect(actions).toContain("secretsmanager:GetSecretValue");
    expect(actions).toContain("secretsmanager:GetRandomPassword");
    expect(actions.every((action) => action.startsWith("secretsmanager:Get"))).toBe(true);
  });

  it("expands a lone * to every action of every service", async () => {
    const actions = await expandActions("*");
    expect(actions.length).toBeGreaterThan(10000);
    expect(actions).toEqual(expect.arrayContaining(["secretsmanager:GetSecretValue", "kms:Decrypt", "sts:AssumeRole"]));
  });

  it("merges a list, de-duplicated and sorted", async () => {
    const actions = await expandActions(["kms:Decrypt", "secretsmanager:GetSecretValue", "kms:Decrypt"]);
    expect(actions).toEqual(["kms:Decrypt", "secretsmanager:GetSecretValue"]);
  });

  it("returns IAM's canonical case for an action written in another case", async () => {
    expect(await expandActions("SecretsManager:getsecretvalue")).toEqual(["secretsmanager:GetSecretValue"]);
  });

  it("expands a single-character wildcard", async () => {
    expect(await expandActions("secretsmanager:GetSecretValu?")).toEqual(["secretsmanager:GetSecretValue"]);
  });

  it("drops actions and services that do not exist, as they grant nothing", async () => {
    expect(await expandActions(["secretsmanager:GetSecretValues", "nosuchservice:Get*", "not-an-action"])).toEqual([]);
  });
});
