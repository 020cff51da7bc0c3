import { isKmsKeyArn, isSecretArnOrSuffixWildcard } from "@platform/iam";
import { grantedActions } from "../lib/action-grants";
import { canReachService, documentAllows, probeArn } from "../lib/effective-grants";
import {
  asList,
  declaredIdentityDocuments,
  IDENTITY_POLICY_TYPES,
  readDocument,
  statementLabel,
} from "../lib/iam-documents";
import { code } from "../lib/messages";
import { defineResourceRule } from "../lib/rule";
import { UnknownDeferral } from "../lib/unknowns";

/** The grants this rule keeps exact, and what "exact" means for each. */
const checkedGrants = [
  {
    action: "secretsmanager:GetSecretValue",
    service: "secretsmanager",
    noun: "secret",
    isExact: isSecretArnOrSuffixWildcard,
    expected: "exact secret ARNs (arn:…:secret:<name>-<6 characters>) or arn:…:secret:<name>-??????",
  },
  {
    action: "kms:Decrypt",
    service: "kms",
    noun: "key",
    isExact: isKmsKeyArn,
    expected: "exact key ARNs (arn:…:kms:<region>:<account>:key/<key id>)",
  },
] as const;

export const secretAccessLeastPrivilege = defineResourceRule({
  name: "secret-access-least-privilege",
  description: "Checks that IAM grants of secretsmanager:GetSecretValue and kms:Decrypt name exact ARNs.",
  cause:
    "An Allow statement whose actions, after wildcard expansion (`secretsmanager:*`, `secretsmanager:Get*`, `*`, " +
    "NotAction), include `secretsmanager:GetSecretValue` reaches a secret beyond exact secret ARNs or " +
    "`<name>-??????` (through `*`, `name*`, `name-*`, `arn:aws:secretsmanager:*:*:secret:*`, a policy variable such as " +
    "`${aws:username}`, which may stand for any name, or NotResource); or one " +
    "that grants `kms:Decrypt` reaches a key beyond exact key ARNs. Each action is judged only against resources its " +
    "service can match (a key ARN beside a secret ARN grants GetSecretValue nothing), and the whole document is " +
    "evaluated with @cloud-copilot/iam-simulate, so a Deny that takes the extra reach back passes.",
  rationale:
    "Registry credentials are a long-lived token. A wildcard grant lets every task that can assume the role read " +
    "every secret (or every secret with a shared prefix), so one compromised container leaks the whole account's secrets.",
  notCovered:
    "Actions other than `secretsmanager:GetSecretValue` and `kms:Decrypt` (on execution roles, " +
    "execution-role-least-privilege and execution-role-no-privilege-escalation judge those); AWS managed policies, " +
    "whose documents the pack does not read; secrets' resource policies and key policies (what they grant an execution " +
    "role, execution-role-least-privilege judges); policies attached outside " +
    "Pulumi. It reads the `aws-native` identity policies too (`aws-native:iam:Role`, `User` and `Group` " +
    "`policies`; `RolePolicy`, `UserPolicy`, `GroupPolicy` and `ManagedPolicy` `policyDocument`).",
  fix:
    "Grant `secretsmanager:GetSecretValue` on exactly the secret ARNs (or `arn:…:secret:<name>-??????` before the " +
    "secret exists) and `kms:Decrypt` on exactly the key ARN.",
  enforcementLevel: "mandatory",
  resourceTypes: IDENTITY_POLICY_TYPES,
  references: ["cdk-nag AwsSolutions-IAM5", "Checkov CKV_AWS_355"],
  async check({ type, props, report }) {
    const unknowns = new UnknownDeferral();
    for (const declared of declaredIdentityDocuments(type, props)) {
      await unknowns.attemptAsync(async () => {
        const document = readDocument(declared);
        if (document === undefined) {
          report(
            `Policy ${code(declared.path)} is not an IAM policy document, so its grants cannot be checked: give it a Statement list with Effect "Allow" or "Deny".`,
          );
          return;
        }
        for (const [index, statement] of document.Statement.entries()) {
          if (statement.Effect !== "Allow") continue;
          const where = `Policy ${code(declared.path)} ${statementLabel(statement, index)}`;
          const granted = await grantedActions(
            statement,
            checkedGrants.map((grant) => grant.action),
          );
          for (const grant of checkedGrants) {
            const pattern = granted.get(grant.action);
            if (pattern === undefined) continue;
            const allows = `${where} allows ${grant.action}${pattern === grant.action ? "" : ` (through ${code(pattern)})`}`;
            if (statement.NotResource !== undefined) {
              // Widens unless the exclusion covers every resource of the service (or a Deny takes it back).
              const probe = probeArn("*", grant.service)!;
              if (await documentAllows(document, grant.action, probe)) {
                report(
                  `${allows} with NotResource, which grants every ${grant.noun} not listed: use Resource with ${grant.expected}.`,
                );
              }
            }
            for (const resource of asList(statement.Resource)) {
              // A resource of another service grants this action nothing (AWS's own documented statement
              // lists the secret and the key together); only a pattern that reaches the service is judged.
              // A policy variable (`${aws:username}`) may stand for any name, so it is never exact.
              const exact = grant.isExact(resource) && !resource.includes("${");
              if (exact || !canReachService(resource, grant.service)) continue;
              const probe = probeArn(resource, grant.service);
              if (probe !== undefined && !(await documentAllows(document, grant.action, probe))) continue;
              report(`${allows} on ${code(resource)}: name ${grant.expected}.`);
            }
          }
        }
      });
    }
    unknowns.finish();
  },
});
