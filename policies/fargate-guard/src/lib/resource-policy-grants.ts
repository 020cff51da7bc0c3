import type { PolicyResource } from "@pulumi/policy";
import type { PolicyStatement } from "@platform/iam";
import type { JudgedDocument } from "./execution-roles";
import { asList, readDocument } from "./iam-documents";
import { field, type Props } from "./props";
import {
  ECR_REPOSITORY_POLICY,
  KMS_GRANT,
  KMS_KEY,
  KMS_KEY_POLICY,
  SECRETS_MANAGER_SECRET,
  SECRETS_MANAGER_SECRET_POLICY,
} from "./resource-types";
import { knownOr } from "./unknowns";

/** The resources whose own policy can grant a role: the input that holds the policy, and the resource it governs. */
interface ResourcePolicyShape {
  readonly type: string;
  /** The input that holds the policy document, for messages. @default "policy" */
  readonly policy?: string;
  /** The document. @default - the value of `policy` */
  readonly document?: (props: Props) => unknown;
  readonly resource: (props: Props) => unknown;
}
const resourcePolicyShapes: readonly ResourcePolicyShape[] = [
  { type: SECRETS_MANAGER_SECRET, resource: (props) => props.arn },
  { type: SECRETS_MANAGER_SECRET_POLICY, resource: (props) => props.secretArn },
  { type: KMS_KEY, resource: (props) => props.arn },
  { type: KMS_KEY_POLICY, resource: (props) => props.keyId },
  // aws-native (AWS Cloud Control): AWS::SecretsManager::ResourcePolicy, AWS::KMS::Key, AWS::ECR::Repository.
  { type: "aws-native:secretsmanager:ResourcePolicy", policy: "resourcePolicy", resource: (props) => props.secretId },
  { type: "aws-native:kms:Key", policy: "keyPolicy", resource: (props) => props.arn },
  { type: "aws-native:ecr:Repository", policy: "repositoryPolicyText", resource: (props) => props.arn },
  // A KMS grant is a key's permission for one grantee, written as its own resource (CreateGrant).
  {
    type: KMS_GRANT,
    policy: "operations",
    document: (props) => ({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: props.granteePrincipal },
          Action: asList(props.operations as string[]).map((operation) => `kms:${operation}`),
          Resource: "*",
        },
      ],
    }),
    resource: (props) => props.keyId,
  },
  {
    type: ECR_REPOSITORY_POLICY,
    resource: (props) =>
      typeof props.repository === "string" ? `arn:aws:ecr:*:*:repository/${props.repository}` : undefined,
  },
];
export const RESOURCE_POLICY_TYPES = resourcePolicyShapes.map((shape) => shape.type);

const known = (read: () => unknown): unknown => knownOr(read, undefined);

/**
 * The statements of this stack's secret, key and repository policies (and KMS grants) that allow a principal (by its ARN, or everyone), as an identity policy of that principal on the resource the policy governs: a grant through a
 * resource policy is a grant all the same (IAM allows a request that either side allows, within one account). Judged
 * like the role's own policies, so reading its registry secret, decrypting with its key and pulling its images pass,
 * and anything more is reported on the policy that grants it. The policies are read once; each principal is then a
 * lookup.
 */
export function resourcePolicyGrants(
  resources: readonly PolicyResource[],
): (principalArn?: string) => JudgedDocument[] {
  const held: {
    holder: PolicyResource;
    shape: ResourcePolicyShape;
    statements: PolicyStatement[];
    governed?: string;
  }[] = [];
  for (const shape of resourcePolicyShapes) {
    for (const holder of resources.filter((resource) => resource.type === shape.type)) {
      const raw = known(() => (shape.document ?? ((props) => props[shape.policy ?? "policy"]))(holder.props));
      const document = raw === undefined ? undefined : readDocument({ path: "policy", raw });
      if (document === undefined) continue;
      const governed = known(() => shape.resource(holder.props));
      const statements = document.Statement.filter((statement) => statement.Effect === "Allow");
      held.push({ holder, shape, statements, ...(typeof governed === "string" ? { governed } : {}) });
    }
  }
  return (principalArn) => {
    if (principalArn === undefined) return [];
    const principal = principalArn.toLowerCase();
    return held.flatMap(({ holder, shape, statements, governed }) => {
      const granted = statements.filter((statement) => names(statement, principal));
      if (granted.length === 0) return [];
      const document = { Version: "2012-10-17", Statement: granted.map((s) => asIdentityStatement(s, governed)) };
      return [{ path: `${holder.name}.${shape.policy ?? "policy"}`, raw: document, urn: holder.urn }];
    });
  };
}

function names(statement: PolicyStatement, principal: string): boolean {
  // Everyone includes the role. Its conditions (`aws:PrincipalArn`, `aws:PrincipalOrgID`, …) may hold for it, so
  // they are read at their widest, as the role's own Allows are (effective-grants' widestReading).
  if (statement.Principal === "*" || asList(field(statement.Principal, "AWS") as string[]).includes("*")) return true;
  return asList(field(statement.Principal, "AWS") as string | string[] | undefined).some(
    (value) => typeof value === "string" && value.toLowerCase() === principal,
  );
}

/** The statement as the principal's own: its actions on the governed resource (a key policy says `*` for its key). */
function asIdentityStatement(statement: PolicyStatement, governed: string | undefined): PolicyStatement {
  const { Principal: _principal, Condition: _condition, NotResource: _notResource, ...rest } = statement;
  return { ...rest, Resource: governed ?? statement.Resource ?? "*" };
}
