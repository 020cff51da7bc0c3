// The document lives in @platform/iam, shared with fargate-guard's cross-stack proof.
export { amazonEcsTaskExecutionRolePolicy } from "@platform/iam";
