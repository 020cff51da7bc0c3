import { analyzeAll } from "../support/driver";
import { onlyFinding, summarize } from "../support/expect-findings";
import { ACCOUNT, REGION } from "../support/fixtures";
import { startInProcessPack } from "../support/in-process";
import { urnOf, type FixtureResource } from "../support/requests";

const pack = startInProcessPack();
const rule = "pull-through-cache-secret";
const arnOf = (name: string) => `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-AbCdEf`;

function secret(namePrefix: string): FixtureResource {
  return {
    type: "aws:secretsmanager/secret:Secret",
    name: "ghcr-credentials",
    props: { namePrefix, arn: arnOf(`${namePrefix}20261129000000000000000001`) },
  };
}

function cacheRule(credentials: FixtureResource | string): FixtureResource {
  const arn = typeof credentials === "string" ? credentials : (credentials.props.arn as string);
  return {
    type: "aws:ecr/pullThroughCacheRule:PullThroughCacheRule",
    name: "ghcr",
    props: { ecrRepositoryPrefix: "ghcr-dev", upstreamRegistryUrl: "ghcr.io", credentialArn: arn },
    ...(typeof credentials === "string" ? {} : { propertyDependencies: { credentialArn: [urnOf(credentials)] } }),
  };
}

function version(of: FixtureResource, value: object): FixtureResource {
  return {
    type: "aws:secretsmanager/secretVersion:SecretVersion",
    name: "ghcr-credentials-value",
    props: { secretId: of.props.arn, secretString: JSON.stringify(value) },
    propertyDependencies: { secretId: [urnOf(of)] },
  };
}

describe("pull-through-cache-secret", () => {
  it("accepts an ecr-pullthroughcache/ secret holding username and accessToken", async () => {
    const s = secret("ecr-pullthroughcache/ghcr-dev-");
    const findings = await analyzeAll(pack, [s, version(s, { username: "acme", accessToken: "t" }), cacheRule(s)]);
    expect(summarize(findings)).toEqual([]);
  });

  it("rejects a secret of this stack whose name ECR does not read", async () => {
    const s = secret("registry/dev/ghcr.io/");
    expect(onlyFinding(await analyzeAll(pack, [s, cacheRule(s)]), rule).detail).toBe(
      "Pull-through cache rule `ghcr` names secret `registry/dev/ghcr.io/`, but ECR reads only secrets whose name " +
        "begins with `ecr-pullthroughcache/`: name it `ecr-pullthroughcache/ghcr-dev` (or give it that `namePrefix`).",
    );
  });

  it("rejects a secret named by ARN outside ecr-pullthroughcache/", async () => {
    const finding = onlyFinding(await analyzeAll(pack, [cacheRule(arnOf("ghcr-token"))]), rule);
    expect(finding.detail).toContain("names secret `ghcr-token`, but ECR reads only secrets whose name begins with");
  });

  it("rejects the {username, password} shape of repositoryCredentials secrets, saying which key ECR reads", async () => {
    const s = secret("ecr-pullthroughcache/ghcr-dev-");
    const findings = await analyzeAll(pack, [s, version(s, { username: "acme", password: "t" }), cacheRule(s)]);
    expect(onlyFinding(findings, rule).detail).toBe(
      "Secret version `ghcr-credentials-value` gives the secret of pull-through cache rule `ghcr` the keys " +
        "`username` and `password`, but ECR reads exactly `username` and `accessToken`: ECR reads the token from " +
        '`accessToken`, not `password`. Store {"username": "<user>", "accessToken": "<token>"}.',
    );
  });
});
