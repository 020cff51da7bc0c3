import { isKmsKeyArn, isSecretArnOrSuffixWildcard } from "@platform/iam";
import { grantedActions } from "../lib/action-grants";
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
    noun: "secret",
    isExact: isSecretArnOrSuffixWildcard,
    expected: "exact secret ARNs (arn:…:secret:<name>-<6 characters>) or arn:…:secret:<name>-??????",
  },
  {
    action: "kms:Decrypt",
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
    "NotAction), include `secretsmanager:GetSecretValue` names a resource other than an exact secret ARN or " +
    "`<name>-??????` (for example `*`, `name*`, `name-*`), or uses NotResource; or one that grants `kms:Decrypt` " +
    "names anything but exact key ARNs.",
  rationale:
    "Registry credentials are a long-lived token. A wildcard grant lets every task that can assume the role read " +
    "every secret (or every secret with a shared prefix), so one compromised container leaks the whole account's secrets.",
  fix:
    "Grant `secretsmanager:GetSecretValue` on exactly the secret ARNs (or `arn:…:secret:<name>-??????` before the " +
    "secret exists) and `kms:Decrypt` on exactly the key ARN; build the statement with @platform/iam `secretReadPolicy`.",
  enforcementLevel: "mandatory",
  resourceTypes: IDENTITY_POLICY_TYPES,
  references: ["cdk-nag AwsSolutions-IAM5", "Checkov CKV_AWS_355"],
  async check({ type, props, report }) {
    const unknowns = new UnknownDeferral();
    for (const declared of declaredIdentityDocuments(type, props)) {
      await unknowns.attemptAsync(async () => {
        const document = readDocument(declared);
        if (document === undefined) {
          report(`Policy ${code(declared.path)} is not an IAM policy document, so its grants cannot be checked: give it a Statement list with Effect "Allow" or "Deny".`);
          return;
        }
        for (const [index, statement] of document.Statement.entries()) {
          if (statement.Effect !== "Allow") continue;
          const where = `Policy ${code(declared.path)} ${statementLabel(statement, index)}`;
          const granted = await grantedActions(statement, checkedGrants.map((grant) => grant.action));
          for (const grant of checkedGrants) {
            const pattern = granted.get(grant.action);
            if (pattern === undefined) continue;
            const allows = `${where} allows ${grant.action}${pattern === grant.action ? "" : ` (through ${code(pattern)})`}`;
            if (statement.NotResource !== undefined) {
              report(`${allows} with NotResource, which grants every ${grant.noun} not listed: use Resource with ${grant.expected}.`);
            }
            for (const resource of asList(statement.Resource).filter((r) => !grant.isExact(r))) {
              report(`${allows} on ${code(resource)}: name ${grant.expected}.`);
            }
          }
        }
      });
    }
    unknowns.finish();
  },
});
