import { networkingContract, registryAccessContract, stackName } from "../src";

it("spells stack names as <org>/<project>/<env>", () => {
  expect(stackName("acme", "registry-access", "prod")).toBe("acme/registry-access/prod");
});

const credentials = {
  "ghcr.io": "arn:aws:secretsmanager:eu-central-1:111111111111:secret:registry/dev/ghcr.io-AbCdEf",
};
const role = "arn:aws:iam::111111111111:role/app-dev-execution-1a2b3c4";
const read = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: credentials["ghcr.io"] }],
});
const policies = {
  inlinePolicies: [{ name: "registry-secrets", document: read }],
  managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
};

it.each([
  [
    "a complete registry-access output",
    { executionRoleArn: role, registryCredentials: credentials, executionRolePolicies: policies },
    true,
  ],
  [
    "an optional KMS key",
    {
      executionRoleArn: role,
      registryCredentials: credentials,
      executionRolePolicies: policies,
      kmsKeyArn: "arn:aws:kms:eu-central-1:111111111111:key/6f0c3e1a-2b4d-4c8e-9a7f-1d2e3f4a5b6c",
    },
    true,
  ],
  [
    "a placeholder account in the role ARN",
    { executionRoleArn: "arn:aws:iam::yourAccountIdHere:role/x", registryCredentials: credentials },
    false,
  ],
  [
    "a wildcard secret",
    {
      executionRoleArn: role,
      registryCredentials: { "ghcr.io": "arn:aws:secretsmanager:eu-central-1:111111111111:secret:*" },
    },
    false,
  ],
  [
    "an SSM parameter instead of a secret",
    {
      executionRoleArn: role,
      registryCredentials: { "ghcr.io": "arn:aws:ssm:eu-central-1:111111111111:parameter/ghcr" },
    },
    false,
  ],
  ["a missing role", { registryCredentials: credentials, executionRolePolicies: policies }, false],
  ["no export of what the role may do", { executionRoleArn: role, registryCredentials: credentials }, false],
  [
    "an inline policy that is not a policy document",
    {
      executionRoleArn: role,
      registryCredentials: credentials,
      executionRolePolicies: { ...policies, inlinePolicies: [{ name: "x", document: "{}" }] },
    },
    false,
  ],
  [
    "a managed policy that is no policy ARN",
    {
      executionRoleArn: role,
      registryCredentials: credentials,
      executionRolePolicies: { ...policies, managedPolicyArns: [role] },
    },
    false,
  ],
])("the registry-access contract accepts %s: %s", (_, outputs, ok) => {
  expect(registryAccessContract.schema.safeParse(outputs).success).toBe(ok);
});

it("requires two subnets of each tier from networking", () => {
  const result = networkingContract.schema.safeParse({ privateSubnetIds: ["subnet-0123456789abcdef0"] });
  expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(
    expect.arrayContaining(["privateSubnetIds", "vpcId", "listenerArn"]),
  );
});
