import { ARN_VARIABLE, resourceArnFormats } from "@platform/iam/access";

/**
 * Which resources of an action a statement's Resource pattern reaches, judged against the ARN formats of the
 * resources the action acts on (IAM's service reference data, @platform/iam resourceArnFormats), never against
 * the action's prefix: `ssm:SendCommand` on `arn:aws:ec2:*:*:instance/*` reaches EC2 instances, `sts:AssumeRole`
 * IAM roles, `redshift-data:ExecuteStatement` Redshift clusters. A policy variable (`${aws:PrincipalAccount}`) in
 * the pattern matches anything it could stand for.
 *
 * - `{ probe }`: a concrete resource the pattern reaches (`*` for `*`), to ask the simulator about;
 * - `"none"`: the pattern names no resource the action acts on (a key ARN beside a secret ARN in AWS's
 *   documented statement grants GetSecretValue nothing), so the statement grants it nothing there;
 * - `"unreadable"`: not an ARN; IAM refuses such a policy, so the grant is reported as written.
 */
export type Reach = { readonly probe: string } | "none" | "unreadable";

/** A policy variable widened to what it could stand for. */
export const widenVariables = (pattern: string): string => pattern.replace(ARN_VARIABLE, "*");

const probeValues: Record<string, string> = { Partition: "aws", Region: "us-east-1", Account: "111122223333" };
const probeName = "fargate-guard-probe";
const wildcard = /[*?]/;

/** IAM's ARN globbing: `*` any run of characters, `?` exactly one. */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, ignoreCase ? "i" : "").test(value);
}

/** partition, service, region, account, resource; undefined for what is no ARN. */
function segments(pattern: string): string[] | undefined {
  const parts = pattern.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return [parts[1]!, parts[2]!, parts[3]!, parts[4]!, parts.slice(5).join(":")];
}

export async function reach(pattern: string, action: string): Promise<Reach> {
  const widened = widenVariables(pattern);
  if (widened === "*") return { probe: "*" };
  const wanted = segments(widened);
  if (wanted === undefined) return "unreadable";
  for (const format of await resourceArnFormats(action)) {
    const probe = probeWithin(wanted, format);
    if (probe !== undefined) return { probe };
  }
  return "none";
}

/** An ARN of `format` that the pattern's segments match, or undefined when they match none. */
function probeWithin(wanted: readonly string[], format: string): string | undefined {
  const shape = segments(format);
  if (shape === undefined) return undefined;
  const filled = shape.map((segment) =>
    segment.replace(ARN_VARIABLE, (name) => probeValues[name.slice(2, -1)] ?? probeName),
  );
  const probe = wanted.map((segment, index) => {
    if (!wildcard.test(segment)) return segment;
    const candidate = filled[index]!;
    return globMatches(segment, candidate, index === 1)
      ? candidate
      : segment.replace(/\*/g, probeName).replace(/\?/g, "x");
  });
  const arn = `arn:${probe.join(":")}`;
  const formatGlob = `arn:${shape.map((segment) => segment.replace(ARN_VARIABLE, "*")).join(":")}`;
  return globMatches(formatGlob, arn, true) ? arn : undefined;
}
