import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import type { StackInputs } from "../stack-inputs";
import { type CheckResult, fail, pass } from "./result";

/** The caller's account is in `aws:allowedAccountIds` of every project's stack file, as the provider will demand. */
export async function checkAccount(sts: STSClient, inputs: StackInputs): Promise<CheckResult> {
  const check = "AWS account allowed";
  let account: string | undefined;
  try {
    account = (await sts.send(new GetCallerIdentityCommand({}))).Account;
  } catch (error) {
    return fail(
      check,
      `STS GetCallerIdentity failed: ${(error as Error).message}`,
      "sign in with credentials for this environment's account (aws sso login, or the deploy role)",
    );
  }
  const refusing = inputs.allowedAccountIds.filter((at) => !at.value.includes(account ?? ""));
  if (refusing.length === 0)
    return pass(check, `account ${account} is in aws:allowedAccountIds of every ${inputs.env} stack file`);
  return fail(
    check,
    `account ${account} is not in ${refusing.map((at) => `\`${at.key}\` of ${at.file} (${at.value.join(", ")})`).join(", ")}; ` +
      "the AWS provider would refuse every change",
    `use credentials for the ${inputs.env} account, or correct \`aws:allowedAccountIds\` in ${refusing.map((at) => at.file).join(", ")}`,
  );
}
