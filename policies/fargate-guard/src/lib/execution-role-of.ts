import type { PolicyResource } from "@pulumi/policy";
import { declaredIdentityDocuments, type DeclaredDocument } from "./iam-documents";
import type { TaskDefinitionView } from "./containers";
import { IAM_ROLE } from "./resource-types";
import type { RoleGraph } from "./role-graph";
import { knownOr } from "./unknowns";
import { field, propsOf } from "./props";

/** Where a task definition's execution role is, as far as one stack can tell. */
export type ExecutionRoleLocation =
  | { readonly kind: "none"; readonly key: string }
  | { readonly kind: "elsewhere"; readonly arn?: string }
  | {
      readonly kind: "role";
      readonly label: string;
      readonly arn?: string;
      /** The role resource, when the role is declared in this stack (not by awsx inside its component). */
      readonly resource?: PolicyResource;
      readonly documents: readonly DeclaredDocument[];
      /** Set when awsx creates the role: the component input that takes control of it (`…executionRole`). */
      readonly awsxDefaultKey?: string;
    };

/**
 * The execution role of a task-definition-bearing resource and the identity documents that
 * apply to it: a role of this stack (found through the engine's property dependency, or by ARN or
 * name), or the role awsx creates inside its component (its `executionRole.args`, plus
 * AmazonECSTaskExecutionRolePolicy, which grants no secret). "elsewhere" when the role belongs to
 * another stack (with its ARN, to find it through an upstream-stack component). Reading an ARN that is unknown and cannot be matched otherwise throws the SDK's
 * UnknownValueError.
 */
export function executionRoleOf(
  host: PolicyResource,
  task: TaskDefinitionView,
  graph: RoleGraph,
): ExecutionRoleLocation {
  const key = task.layer === "aws" ? "executionRoleArn" : `${task.argsPath}executionRole`;
  if (task.layer === "awsx") {
    const declared = propsOf(task.args.executionRole);
    if (declared?.skip === true) return { kind: "none", key };
    if (declared == null || !("roleArn" in declared)) {
      const documents = declaredIdentityDocuments(host.type, host.props).filter((d) => d.path.startsWith(`${key}.`));
      return {
        kind: "role",
        label: `the execution role awsx creates for \`${host.name}\``,
        documents,
        awsxDefaultKey: key,
      };
    }
  } else if (!("executionRoleArn" in task.args)) {
    return { kind: "none", key };
  }
  const dependencyKey =
    task.layer === "aws" ? "executionRoleArn" : task.argsPath === "" ? "executionRole" : "taskDefinitionArgs";
  const roleDependencies = (host.propertyDependencies[dependencyKey] ?? []).filter((r) => r.type === IAM_ROLE);
  const read = (): unknown =>
    task.layer === "aws" ? task.args.executionRoleArn : field(task.args.executionRole, "roleArn");
  const value = knownOr(read, undefined);
  const role =
    (typeof value === "string" ? graph.roleNamed(value) : undefined) ??
    (roleDependencies.length === 1 && (task.layer === "aws" || value === undefined) ? roleDependencies[0] : undefined);
  if (role === undefined) {
    if (value === undefined) read(); // unknown and unmatched: let the SDK report it
    return { kind: "elsewhere", ...(typeof value === "string" ? { arn: value } : {}) };
  }
  const arn = knownOr(() => role.props.arn as unknown, undefined);
  return {
    kind: "role",
    label: `execution role \`${role.name}\``,
    ...(typeof arn === "string" ? { arn } : {}),
    resource: role,
    documents: graph.identityDocuments(role),
  };
}
