import * as pulumi from "@pulumi/pulumi";
import { ENVIRONMENTS, pulumiConfigSource } from "@platform/config";
import { createAccount } from "./src/aws-account";
import { codeownersRules } from "./src/codeowners";
import { deliveryConfig, subjectsIn } from "./src/config";
import { createGithub } from "./src/github";
import { createPulumiCloud } from "./src/pulumi-cloud";

const config = deliveryConfig(pulumiConfigSource());

const accounts = Object.fromEntries(
  ENVIRONMENTS.map((env) => [
    env,
    createAccount(`aws-${env}`, {
      env,
      account: config.accounts[env],
      subjects: subjectsIn(config, env),
    }),
  ]),
);
const github = createGithub({
  config,
  roles: Object.fromEntries(ENVIRONMENTS.map((env) => [env, accounts[env]!.roles])),
});
const oidcIssuerId = createPulumiCloud(config);

export = {
  roleArns: pulumi.all(Object.fromEntries(ENVIRONMENTS.map((env) => [env, pulumi.all(accounts[env]!.roles)]))),
  oidcProviderArns: pulumi.all(Object.fromEntries(ENVIRONMENTS.map((env) => [env, accounts[env]!.providerArn]))),
  githubEnvironments: github.environments,
  secretsToSet: github.missingSecrets,
  variablesToSet: github.missingVariables,
  codeowners: codeownersRules(config.approvers),
  ...(oidcIssuerId ? { pulumiOidcIssuerId: oidcIssuerId } : {}),
};
