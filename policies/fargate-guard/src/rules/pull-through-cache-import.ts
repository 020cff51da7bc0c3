import { PULL_THROUGH_IMPORT_ACTIONS, type PolicyDocument } from "@platform/iam";
import { AccessEvaluationError, accessEvaluator } from "@platform/iam/access";
import { checkEachStackContainer, imageReferenceOf } from "../lib/containers";
import { executionRoleOf } from "../lib/execution-role-of";
import { readDocument } from "../lib/iam-documents";
import { code, codeList } from "../lib/messages";
import { pullThroughCachesOf, pullThroughImage } from "../lib/pull-through-caches";
import {
  AWSX_SERVICES,
  AWSX_TASK_DEFINITIONS,
  ECR_PULL_THROUGH_CACHE_RULE,
  IAM_ROLE,
  TASK_DEFINITION,
} from "../lib/resource-types";
import { RoleGraph } from "../lib/role-graph";
import { defineStackRule } from "../lib/rule";
import { UPSTREAM_STACK, upstreamRoleFinder, upstreamRoleLabel } from "../lib/upstream-roles";

export const pullThroughCacheImport = defineStackRule({
  name: "pull-through-cache-import",
  description:
    "Checks that the execution role of a task pulling through ECR's pull-through cache may import the image.",
  cause:
    "A container's image is in private ECR under the prefix of a pull-through cache rule of this stack " +
    "(`aws:ecr/pullThroughCacheRule`) or of the caches another stack exports (`pullThroughCaches`, carried by a " +
    "`platform:contracts:UpstreamStack` component), and IAM evaluation of the task's execution role (found as " +
    "execution-role-can-read-registry-secret finds it) denies `ecr:BatchImportUpstreamImage` or " +
    "`ecr:CreateRepository` on the image's repository.",
  rationale:
    "Such an image needs no `repositoryCredentials`, but ECR fetches it from the upstream registry on the first pull " +
    "with the pulling role's permissions: without `ecr:BatchImportUpstreamImage` (and `ecr:CreateRepository` while " +
    "the repository does not exist yet), every task stops with CannotPullContainerError, and " +
    "AmazonECSTaskExecutionRolePolicy grants neither.",
  notCovered:
    "ECR's registry permissions policy, which may grant the import instead; a role of another stack exported without " +
    "its policies; task definitions of other providers (`aws-native:ecs:TaskDefinition`).",
  fix:
    "Grant the execution role `ecr:BatchImportUpstreamImage` and `ecr:CreateRepository` on exactly the cache " +
    "prefix's repositories (`arn:aws:ecr:<region>:<account>:repository/<prefix>/*`), in the stack that owns the role: " +
    "registry-access does so for every registry with `pullThroughCache: true`.",
  enforcementLevel: "mandatory",
  resourceTypes: [
    TASK_DEFINITION,
    ...AWSX_SERVICES,
    ...AWSX_TASK_DEFINITIONS,
    IAM_ROLE,
    ECR_PULL_THROUGH_CACHE_RULE,
    UPSTREAM_STACK,
  ],
  references: ["Amazon ECR: IAM permissions required to sync an upstream registry with an Amazon ECR private registry"],
  async check({ resources, report }) {
    const caches = pullThroughCachesOf(resources);
    // Stryker disable next-line ConditionalExpression: equivalent; without a cache no image is pulled through one,
    // so the loop below reports nothing either (this only spares it).
    if (caches.length === 0) return;
    const graph = new RoleGraph(resources);
    const findUpstreamRole = upstreamRoleFinder(resources);
    const evaluate = accessEvaluator();
    await checkEachStackContainer(resources, async (host, task, container) => {
      const image: unknown = container.definition.image;
      const parsed = typeof image === "string" ? imageReferenceOf(image) : undefined;
      const pulled = parsed?.ok ? pullThroughImage(parsed.value, caches) : undefined;
      if (pulled === undefined) return;
      const subject = `Container ${code(container.name)} of ${code(host.name)} pulls ${code(String(image))} through the pull-through cache ${code(pulled.prefix)}`;
      const role = executionRoleOf(host, task, graph);
      if (role.kind === "none") {
        report(`${subject}, but the task has no execution role (\`${role.key}\`) to import it with.`, host.urn);
        return;
      }
      // Stryker disable next-line ConditionalExpression: equivalent; a role of this stack is no other stack's export.
      const upstream = role.kind === "elsewhere" && role.arn !== undefined ? findUpstreamRole(role.arn) : undefined;
      if (role.kind === "elsewhere" && upstream === undefined) return; // a role no component of this stack carries
      // Stryker disable next-line StringLiteral: equivalent; unreachable, a role elsewhere has an upstream here.
      const label = upstream ? upstreamRoleLabel(upstream) : role.kind === "role" ? role.label : "";
      const documents: readonly PolicyDocument[] = upstream
        ? upstream.documents
        : role.kind === "role"
          ? role.documents.map(readDocument).filter((d): d is PolicyDocument => d !== undefined)
          : [];
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent; a role of this stack is in the
      // cache's account, where the evaluator's default principal is too (the other stack's role is tested).
      const principalArn = upstream?.arn ?? (role.kind === "role" ? role.arn : undefined);
      const denied: string[] = [];
      for (const action of PULL_THROUGH_IMPORT_ACTIONS) {
        const allowed = await evaluate({
          identityPolicies: documents,
          action,
          resource: pulled.repositoryArn,
          ...(principalArn === undefined ? {} : { principalArn }),
        }).then(
          (decision) => decision.allowed,
          (error: unknown) => {
            if (error instanceof AccessEvaluationError) return false;
            throw error;
          },
        );
        if (!allowed) denied.push(action);
      }
      if (denied.length === 0) return;
      const where = upstream ? ` in stack ${code(upstream.stack)}, which owns the role` : "";
      report(
        `${subject}, but ${label} may not ${codeList(denied)} on ${code(pulled.repositoryArn)}, so ECR cannot ` +
          `import the image on its first pull and every task stops with CannotPullContainerError. Grant ` +
          `${codeList([...PULL_THROUGH_IMPORT_ACTIONS])} on exactly ${code(pulled.repositoriesArn)}${where}.`,
        host.urn,
      );
    });
  },
});
