import * as pulumi from "@pulumi/pulumi";
import { ConfigError, staticConfigSource } from "@platform/config";
import { registryAccessConfig } from "../src/config";

const source = (registries: unknown, extra: Record<string, string> = {}, secretKeys: string[] = []) =>
  staticConfigSource("dev", { "registry-access:registries": JSON.stringify(registries), ...extra }, secretKeys);

it("rejects an ECR host, which needs no repositoryCredentials", () => {
  expect(() =>
    registryAccessConfig(
      source([{ host: "111111111111.dkr.ecr.eu-central-1.amazonaws.com", tokenSource: "external" }]),
    ),
  ).toThrow(/private ECR needs no repositoryCredentials/);
});

it("rejects a registry listed twice", () => {
  expect(() =>
    registryAccessConfig(
      source([
        { host: "ghcr.io", tokenSource: "external" },
        { host: "ghcr.io", tokenSource: "external" },
      ]),
    ),
  ).toThrow(/this registry is listed twice/);
});

it("reads the token from a custom secret key and keeps it secret", async () => {
  const config = registryAccessConfig(
    source([{ host: "ghcr.io", username: "bot", tokenKey: "ghcrPat" }], { "registry-access:ghcrPat": "ghp_x" }, [
      "registry-access:ghcrPat",
    ]),
  );
  const { source: tokenSource } = config.registries[0]!;
  expect(tokenSource.kind).toBe("config");
  const { token } = tokenSource as Extract<typeof tokenSource, { kind: "config" }>;
  await expect(pulumi.isSecret(token)).resolves.toBe(true);
});

it("rejects unknown fields in a registry entry", () => {
  const error = (() => {
    try {
      registryAccessConfig(source([{ host: "ghcr.io", tokenSorce: "external" }]));
    } catch (e) {
      return e as ConfigError;
    }
  })();
  expect(error).toBeInstanceOf(ConfigError);
  expect(error!.message).toContain("`registry-access:registries` is");
  expect(error!.message).toContain("tokenSorce");
  expect(error!.message).toContain(
    "Fix: set `registry-access:registries` in Pulumi.dev.yaml, e.g. [{ host: ghcr.io, tokenSource: external }]",
  );
});

it("defaults to a customer-managed key and a 30-day recovery window in prod only", () => {
  const external = JSON.stringify([{ host: "ghcr.io", tokenSource: "external" }]);
  expect(registryAccessConfig(staticConfigSource("prod", { "registry-access:registries": external }))).toMatchObject({
    customerManagedKey: true,
    recoveryWindowInDays: 30,
  });
  expect(registryAccessConfig(staticConfigSource("dev", { "registry-access:registries": external }))).toMatchObject({
    customerManagedKey: false,
    recoveryWindowInDays: 7,
  });
});

it("rejects a stack that is not an environment", () => {
  expect(() => registryAccessConfig(staticConfigSource("qa", {}))).toThrow(
    /the stack name is the environment, one of dev, staging, prod/,
  );
});
