// The data sources outside programs call: answers in AWS's formats that agree with each other (the default VPC,
// its subnets, the awsx default VPC), IAM documents rendered as the provider renders them, and one clear refusal
// for a call the mocks do not know.
import { awsMocks, maskedArguments, UnansweredCallError } from "../src";

const mocks = awsMocks({ accountId: "222222222222", region: "eu-west-1" });
const call = (token: string, inputs: Record<string, unknown> = {}) =>
  mocks.call({ token, inputs }) as Record<string, unknown>;

it("describes one default VPC, with one public subnet per zone, wherever a program looks it up", () => {
  const vpc = call("aws:ec2/getVpc:getVpc", { default: true });
  expect(vpc).toMatchObject({ default: true, cidrBlock: "172.31.0.0/16" });
  expect(vpc["id"]).toMatch(/^vpc-[0-9a-f]{17}$/);
  const ids = call("aws:ec2/getSubnets:getSubnets", { filters: [{ name: "vpc-id", values: [vpc["id"]] }] })["ids"];
  expect(ids).toHaveLength(3);
  const subnets = (ids as string[]).map((id) => call("aws:ec2/getSubnet:getSubnet", { id }));
  expect(subnets.map((s) => [s["availabilityZone"], s["cidrBlock"], s["vpcId"], s["mapPublicIpOnLaunch"]])).toEqual([
    ["eu-west-1a", "172.31.0.0/20", vpc["id"], true],
    ["eu-west-1b", "172.31.16.0/20", vpc["id"], true],
    ["eu-west-1c", "172.31.32.0/20", vpc["id"], true],
  ]);
  const awsx = mocks.newResource({ type: "awsx:ec2:DefaultVpc", name: "default", inputs: {}, custom: false }) as {
    state: Record<string, unknown>;
  };
  expect(awsx.state).toMatchObject({ vpcId: vpc["id"], publicSubnetIds: ids });
});

it("renders getPolicyDocument as the provider does: a list of one as a string, principals by type", () => {
  const { json } = call("aws:iam/getPolicyDocument:getPolicyDocument", {
    statements: [
      {
        sid: "Trust",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }],
        conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: ["222222222222"] }],
      },
      { effect: "Deny", actions: ["s3:DeleteObject", "s3:PutObject"], resources: ["*"] },
    ],
  });
  expect(JSON.parse(json as string)).toEqual({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Trust",
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Principal: { Service: "ecs-tasks.amazonaws.com" },
        Condition: { StringEquals: { "aws:SourceAccount": "222222222222" } },
      },
      { Effect: "Deny", Action: ["s3:DeleteObject", "s3:PutObject"], Resource: "*" },
    ],
  });
});

it("gives ECR's login, AWS's public ECS parameters and a secret's metadata in AWS's formats", () => {
  const token = call("aws:ecr/getAuthorizationToken:getAuthorizationToken");
  expect(Buffer.from(token["authorizationToken"] as string, "base64").toString()).toBe(
    `AWS:${String(token["password"])}`,
  );
  expect(token["proxyEndpoint"]).toBe("https://222222222222.dkr.ecr.eu-west-1.amazonaws.com");
  const ami = call("aws:ssm/getParameter:getParameter", {
    name: "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id",
  });
  expect(ami["value"]).toMatch(/^ami-[0-9a-f]{17}$/);
  expect(call("aws:secretsmanager/getSecret:getSecret", { name: "shop/db" })).toMatchObject({
    name: "shop/db",
    arn: expect.stringMatching(
      /^arn:aws:secretsmanager:eu-west-1:222222222222:secret:shop\/db-[A-Za-z0-9]{6}$/,
    ) as unknown,
  });
});

it("refuses a call it cannot answer, naming the function and its arguments with secrets masked", () => {
  const refuse = () =>
    call("aws:rds/getCluster:getCluster", { clusterIdentifier: "orders", masterPassword: "hunter2" });
  expect(refuse).toThrow(UnansweredCallError);
  expect(refuse).toThrow(
    'the AWS mocks have no answer for `aws:rds/getCluster:getCluster` {"clusterIdentifier":"orders","masterPassword":"[secret]"}',
  );
  expect(maskedArguments({ note: "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB" })).toBe('{"note":"[secret]"}');
});

it("reads a resource by the ID it is given, as awsx classic reads the default VPC", () => {
  const vpcId = String(call("aws:ec2/getVpc:getVpc", { default: true })["id"]);
  const read = mocks.newResource({ type: "aws:ec2/vpc:Vpc", name: "default-vpc", inputs: {}, custom: true, id: vpcId });
  expect((read as { id: string }).id).toBe(vpcId);
});
