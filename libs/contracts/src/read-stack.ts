import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { type Contract, UPSTREAM_STACK_TYPE } from "./outputs";

/** A stack reference whose outputs broke the contract: missing, or not of the promised shape. */
export class StackContractError extends Error {
  override name = "StackContractError";
}

/**
 * Reads every output a contract declares from an upstream stack, before the consumer declares anything.
 * A missing required output fails, naming the producer stack and key, instead of turning into `undefined`;
 * only the contract's optional outputs (such as `kmsKeyArn`) may be absent. This is requireOutput's
 * guarantee, checked here rather than by `requireOutput` itself, whose rejection escapes as an unhandled
 * promise before a caller can add which contract broke. Each value is then checked against the contract,
 * so a malformed ARN is caught here and not by AWS mid-deploy.
 */
export async function readStack<S extends z.ZodRawShape>(
  ref: pulumi.StackReference,
  stack: string,
  contract: Contract<S>,
  consumer: string,
): Promise<z.infer<z.ZodObject<S>>> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, schema] of Object.entries(contract.schema.shape)) {
    const optional = (schema as z.ZodType).safeParse(undefined).success;
    const details = await ref.getOutputDetails(key);
    // Contract outputs are identifiers (IDs, ARNs, names), never secrets; reading a secret as one would
    // strip its secrecy, so it is refused rather than unwrapped.
    if (details.secretValue !== undefined)
      problems.push(`\`${key}\` is a secret output; contract outputs must be plain identifiers`);
    else if (details.value !== undefined) values[key] = details.value;
    else if (!optional) problems.push(`\`${key}\` is not exported by ${stack}`);
  }
  if (!problems.length) {
    const parsed = contract.schema.safeParse(values);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join(".");
      const value = issue.path.reduce<unknown>((v, p) => (v as Record<PropertyKey, unknown> | undefined)?.[p], values);
      problems.push(`\`${key}\` is ${JSON.stringify(value)}, expected ${issue.message}`);
    }
  }
  throw new StackContractError(
    `${consumer} reads stack ${stack}, whose outputs break the ${contract.project} contract (libs/contracts):\n` +
      problems.map((p) => `  - ${p}`).join("\n") +
      `\n  Fix: run \`pulumi up\` on ${stack} so it exports the current contract, or check the stack name and org.`,
  );
}

/**
 * What a stack read from an upstream stack, in a resource the policy pack receives: registered outputs
 * `{ name, outputs }`. The engine keeps a StackReference among the resources it reads, and stack policies get only
 * the ones it registers (pulumi/pulumi pkg/resource/deploy/step_executor.go stores reads in `deployment.reads`,
 * registrations in `news`; step_generator.go `AnalyzeResources` sends `news` alone). A component's registered
 * outputs are its state in `news`, in a preview as in an update (step_executor.go
 * `executeRegisterResourceOutputs`). A consumer declares it once every upstream stack has been read and checked.
 */
export class UpstreamStack extends pulumi.ComponentResource {
  constructor(stack: string, outputs: Record<string, unknown>) {
    super(UPSTREAM_STACK_TYPE, stack, {});
    this.registerOutputs({ name: stack, outputs });
  }
}

/** The StackReference for an upstream stack, named after the stack so two consumers never clash. */
export function stackReference(stack: string, opts?: pulumi.CustomResourceOptions): pulumi.StackReference {
  return new pulumi.StackReference(stack, { name: stack }, opts);
}
