import type * as pulumi from "@pulumi/pulumi";
import { isIamRoleArn, isKmsKeyArn, isSecretsManagerSecretArn, normalizePolicyDocument, parseArn } from "@platform/iam";
import { z } from "zod";
import type { ContractName } from "./stacks";

const awsId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}-[0-9a-f]{8}(?:[0-9a-f]{9})?$`), `an ${prefix}-… ID`);
const elbArn = (kind: string) =>
  z
    .string()
    .regex(
      new RegExp(`^arn:aws(?:-cn|-us-gov)?:elasticloadbalancing:[a-z0-9-]+:\\d{12}:${kind}/`),
      `an ELB ${kind} ARN`,
    );
const roleArn = z.string().refine(isIamRoleArn, "an IAM role ARN (arn:aws:iam::<account>:role/<name>)");
const secretArn = z
  .string()
  .refine(
    isSecretsManagerSecretArn,
    "a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 chars>)",
  );
const pullThroughPrefix = z
  .string()
  .regex(
    /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/[a-z0-9._/-]+$/,
    "an ECR repository URL prefix (<account>.dkr.ecr.<region>.amazonaws.com/<prefix>)",
  );
const keyArn = z.string().refine(isKmsKeyArn, "a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)");
const policyDocument = z
  .string()
  .refine((json) => normalizePolicyDocument(json) !== undefined, "an IAM policy document as JSON");
const managedPolicyArn = z
  .string()
  .refine(
    (value) => parseArn(value)?.service === "iam" && parseArn(value)!.resource.startsWith("policy/"),
    "a managed policy ARN (arn:aws:iam::<account or aws>:policy/<name>)",
  );

/**
 * The type of the component (`UpstreamStack`) that libs/contracts leaves in the consumer's stack, whose registered outputs are
 * `{ name, outputs }`: the upstream stack and the contract outputs read from it. A policy pack never receives the
 * StackReference itself (the engine sends stack policies only the resources it registers, not the ones it reads),
 * but it does receive this component with its outputs, in a preview, an update and `pulumi policy analyze`.
 */
export const UPSTREAM_STACK_TYPE = "platform:contracts:UpstreamStack";

/** A project's outputs: the stack's exported names are an interface, and renaming one is a breaking change. */
export interface Contract<S extends z.ZodRawShape> {
  /** The contract's name: its producer project, or `service` for the one contract of every service project. */
  readonly project: ContractName;
  readonly schema: z.ZodObject<S>;
}

export const networkingContract = {
  project: "networking",
  schema: z.object({
    vpcId: awsId("vpc"),
    publicSubnetIds: z.array(awsId("subnet")).min(2),
    privateSubnetIds: z.array(awsId("subnet")).min(2),
    albArn: elbArn("loadbalancer/app"),
    albDnsName: z.string().min(1),
    albSecurityGroupId: awsId("sg"),
    /**
     * The listener each service adds its own target group's rule to: HTTPS when a certificate is configured
     * (HTTP then only redirects), else HTTP. Requests no rule matches get a 404.
     */
    listenerArn: elbArn("listener/app"),
    serviceSecurityGroupId: awsId("sg"),
    /** The port the service security group admits from the ALB: the port every service's container listens on. */
    servicePort: z.number().int().min(1).max(65535),
    /** `https://` when a certificate is configured, else `http://`, plus the ALB's DNS name. */
    url: z.string().regex(/^https?:\/\//),
  }),
} satisfies Contract<z.ZodRawShape>;

export const registryAccessContract = {
  project: "registry-access",
  schema: z.object({
    executionRoleArn: roleArn,
    /** Registry host (e.g. `ghcr.io`) to the ARN of the secret holding its credentials. */
    registryCredentials: z.record(z.string(), secretArn),
    /** Only when a customer-managed key encrypts the secrets. */
    kmsKeyArn: keyArn.optional(),
    /**
     * Registry host to where its images are pulled through ECR's pull-through cache instead, the rule's repository
     * prefix in the account's registry (`<account>.dkr.ecr.<region>.amazonaws.com/<prefix>`). Only when a registry
     * sets `pullThroughCache`; a host is here or in `registryCredentials`, not both.
     */
    pullThroughCaches: z.record(z.string(), pullThroughPrefix).optional(),
    /**
     * What the execution role is allowed, so a consumer's policy check can prove across stacks that the role
     * reads each registry secret (fargate-guard `execution-role-can-read-registry-secret` reads it from the
     * consumer's UPSTREAM_STACK_TYPE component): its inline policy documents (JSON) and the ARNs of its managed policies.
     */
    executionRolePolicies: z.object({
      inlinePolicies: z.array(z.object({ name: z.string().min(1), document: policyDocument })),
      managedPolicyArns: z.array(managedPolicyArn),
    }),
  }),
} satisfies Contract<z.ZodRawShape>;

export const serviceContract = {
  project: "service",
  schema: z.object({
    clusterName: z.string().min(1),
    serviceName: z.string().min(1),
    url: z.string().regex(/^https?:\/\//),
    image: z.string().min(1),
    /**
     * The service's rule on networking's listener: which requests reach its target group. Exported so the
     * environment's services can be checked against each other (fargate-guard `listener-rules-distinct`).
     */
    routing: z
      .object({
        listenerArn: elbArn("listener/app"),
        priority: z.number().int().min(1).max(50000),
        paths: z.array(z.string()),
        hosts: z.array(z.string()),
      })
      .optional(),
  }),
} satisfies Contract<z.ZodRawShape>;

export type NetworkingOutputs = z.infer<typeof networkingContract.schema>;
export type RegistryAccessOutputs = z.infer<typeof registryAccessContract.schema>;
export type ServiceOutputs = z.infer<typeof serviceContract.schema>;

/**
 * What a producer's program exports for a contract: every required name, each as a Pulumi Input.
 * Used with `satisfies` in the producer's index.ts, so a missing or misspelt output fails type-checking.
 */
export type StackExports<T> = { [K in keyof T]: pulumi.Input<T[K]> };
