import { isIamRoleArn, isKmsKeyArn, isSecretsManagerSecretArn } from "@platform/iam";
import { awsMocks } from "../src";

const mocks = awsMocks({ accountId: "222222222222", region: "eu-west-1" });
const create = (type: string, name: string, inputs: Record<string, unknown> = {}) =>
  mocks.newResource({ type, name, inputs, custom: true }) as { id: string; state: Record<string, unknown> };
/** The `arn` output of a freshly created resource; every type these tests create has one. */
function arnOf(type: string, name: string, inputs: Record<string, unknown> = {}): string {
  const arn = create(type, name, inputs).state["arn"];
  if (typeof arn !== "string") throw new Error(`the mocks gave ${type} "${name}" no string arn: ${String(arn)}`);
  return arn;
}

it("gives ARNs AWS would accept, in the configured account and region", () => {
  expect(
    isSecretsManagerSecretArn(arnOf("aws:secretsmanager/secret:Secret", "s", { name: "registry/dev/ghcr.io" })),
  ).toBe(true);
  expect(isKmsKeyArn(arnOf("aws:kms/key:Key", "k"))).toBe(true);
  const role = arnOf("aws:iam/role:Role", "exec");
  expect(isIamRoleArn(role)).toBe(true);
  expect(role).toMatch(/^arn:aws:iam::222222222222:role\/exec-[0-9a-f]{7}$/);
  expect(arnOf("aws:ecs/cluster:Cluster", "c")).toMatch(/^arn:aws:ecs:eu-west-1:222222222222:cluster\//);
});

it("is deterministic: the same resource gets the same IDs in every run", () => {
  const again = awsMocks({ accountId: "222222222222", region: "eu-west-1" });
  const a = create("aws:lb/loadBalancer:LoadBalancer", "alb").state;
  const b = (
    again.newResource({ type: "aws:lb/loadBalancer:LoadBalancer", name: "alb", inputs: {}, custom: true }) as {
      state: Record<string, unknown>;
    }
  ).state;
  expect(b).toEqual(a);
  expect(a.dnsName).toMatch(/^alb-[0-9a-f]{7}-\d+\.eu-west-1\.elb\.amazonaws\.com$/);
});

it("answers the common data sources", () => {
  expect(mocks.call({ token: "aws:index/getCallerIdentity:getCallerIdentity", inputs: {} })).toMatchObject({
    accountId: "222222222222",
  });
  expect(mocks.call({ token: "aws:index/getPartition:getPartition", inputs: {} })).toMatchObject({ partition: "aws" });
  expect(mocks.call({ token: "aws:index/getAvailabilityZones:getAvailabilityZones", inputs: {} })).toMatchObject({
    names: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  });
});

it("resolves a stack reference from the given outputs, and names a stack it does not know", () => {
  const withStacks = awsMocks({ stackOutputs: { "acme/networking/dev": { vpcId: "vpc-0123456789abcdef0" } } });
  const ref = (name: string) =>
    withStacks.newResource({ type: "pulumi:pulumi:StackReference", name, inputs: { name }, custom: true }) as {
      state: Record<string, unknown>;
    };
  expect(ref("acme/networking/dev").state.outputs).toEqual({ vpcId: "vpc-0123456789abcdef0" });
  expect(() => ref("acme/networking/prod")).toThrow(
    'names stack "acme/networking/prod", which is not part of this run. Stacks available: acme/networking/dev.',
  );
});

it("identifies a pull-through cache rule and a repository creation template by their prefix, in the account's registry", () => {
  const rule = create("aws:ecr/pullThroughCacheRule:PullThroughCacheRule", "cache", {
    ecrRepositoryPrefix: "ghcr-dev",
    upstreamRegistryUrl: "ghcr.io",
  });
  expect(rule).toMatchObject({
    id: "ghcr-dev",
    state: { ecrRepositoryPrefix: "ghcr-dev", registryId: "222222222222" },
  });
  const template = create("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate", "t", { prefix: "ghcr-dev" });
  expect(template).toMatchObject({ id: "ghcr-dev", state: { prefix: "ghcr-dev", registryId: "222222222222" } });
});

it("gives task definitions the family:revision ARN ECS uses", () => {
  expect(arnOf("aws:ecs/taskDefinition:TaskDefinition", "td", { family: "api" })).toBe(
    "arn:aws:ecs:eu-west-1:222222222222:task-definition/api:1",
  );
});

it("knows what a database and the random provider compute, so task definitions built from them are judged", () => {
  const db = create("aws:rds/instance:Instance", "db", { identifier: "shop", engine: "postgres" }).state;
  expect(db.address).toMatch(/^shop\.[0-9a-f]{12}\.eu-west-1\.rds\.amazonaws\.com$/);
  expect(db.endpoint).toBe(`${String(db.address)}:5432`);
  const cluster = create("aws:rds/cluster:Cluster", "aurora", { engine: "aurora-mysql" }).state;
  expect(cluster.port).toBe(3306);
  expect(cluster.readerEndpoint).toMatch(/^aurora-[0-9a-f]{7}-ro\./);
  const password = create("random:index/randomPassword:RandomPassword", "pw", { length: 24 }).state;
  expect(password.result).toMatch(/^[A-Za-z0-9]{24}$/);
  expect(create("random:index/randomPassword:RandomPassword", "pw", { length: 24 }).state.result).toBe(password.result);
  expect([5, 6, 7]).toContain(create("random:index/randomInteger:RandomInteger", "n", { min: 5, max: 7 }).state.result);
  expect(create("random:index/randomId:RandomId", "id", { byteLength: 4 }).state.hex).toMatch(/^[0-9a-f]{8}$/);
});
