import type * as pulumi from "@pulumi/pulumi";
import { partitionForRegion } from "@platform/iam/arn";
import { awsCallResults, type CallResult } from "./call-results";
import { physicalName } from "./fake-ids";
import { UnansweredCallError } from "./unanswered-call";
import { type BuildContext, type BuiltState, fallbackState, type Inputs, RESOURCE_BUILDERS } from "./resource-builders";

type MockResourceArgs = pulumi.runtime.MockResourceArgs;

export interface AwsMocksOptions {
  /** Account of every fake ARN. @default "123456789012" */
  readonly accountId?: string;
  /** Region of every fake ARN and of `aws.getRegion`. @default "us-east-1" */
  readonly region?: string;
  /** Outputs of the stacks a `StackReference` may name, keyed by fully-qualified name `org/project/env`. */
  readonly stackOutputs?: Record<string, Record<string, unknown>>;
  /** Extra or overriding invoke results, by function token (e.g. a project's fixture file). */
  readonly callResults?: Record<string, CallResult>;
}

/** A resource as the mocks saw it registered. */
export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Inputs;
  readonly id: string;
  readonly state: Inputs;
  /** What its registration asked for its end (`recordLifecycle`); both false when nothing recorded it. */
  readonly lifecycle: Lifecycle;
}

/** A registration's `protect`, `retainOnDelete` and `ignoreChanges` options. */
export interface Lifecycle {
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly ignoreChanges: readonly string[];
}

export interface AwsMocks extends pulumi.runtime.Mocks {
  /** Every resource registered so far, in order. */
  readonly resources: RecordedResource[];
  /**
   * The name a resource had before, by `type::name`: its AWS name and IDs are made from that name, as the provider
   * keeps the names of a resource an alias moves (set by `nameAfterAliases`).
   */
  readonly formerNames: Map<string, string>;
  /** Each registration's end-of-life options, by `type::name` (set by `recordLifecycle`). */
  readonly lifecycle: Map<string, Lifecycle>;
}

/**
 * Pulumi mocks that answer like AWS would: realistic, deterministic IDs and ARNs for the resource types
 * this repository declares (RESOURCE_BUILDERS), results for the data sources programs call (an unknown one is an
 * UnansweredCallError, never `{}`), and stack references
 * resolved from `stackOutputs`. Used at run time by the offline plan and by the program tests, so both see
 * the same fake cloud; nothing here depends on jest.
 */
export function awsMocks(options: AwsMocksOptions = {}): AwsMocks {
  const account = options.accountId ?? "123456789012";
  const region = options.region ?? "us-east-1";
  const partition = partitionForRegion(region) ?? "aws";
  const calls: Record<string, CallResult> = { ...awsCallResults(account, region, partition), ...options.callResults };
  const resources: RecordedResource[] = [];
  const formerNames = new Map<string, string>();
  const lifecycle = new Map<string, Lifecycle>();

  // An explicit AWS provider acts in its own account and region (a program that spans accounts, as delivery does):
  // its resources are built there, as the provider's calls would be answered from there.
  const providerPlaces = new Map<string, { account: string; region: string }>();
  function placeOf(args: MockResourceArgs): { account: string; region: string } {
    const id = args.provider?.slice(args.provider.lastIndexOf("::") + 2);
    return (id && providerPlaces.get(id)) || { account, region };
  }

  function state(args: MockResourceArgs): BuiltState {
    const inputs = args.inputs as Inputs;
    const { account, region } = placeOf(args);
    const partition = partitionForRegion(region) ?? "aws";
    const named = formerNames.get(`${args.type}::${args.name}`) ?? args.name;
    const key = `${args.type}::${named}`;
    const context: BuildContext = {
      type: args.type,
      name: named,
      inputs,
      custom: args.custom,
      key,
      account,
      region,
      partition,
      arn: (service, resource) => `arn:${partition}:${service}:${region}:${account}:${resource}`,
      physical: (max) => (typeof inputs["name"] === "string" ? inputs["name"] : physicalName(named, key, max)),
    };
    if (args.type === "pulumi:pulumi:StackReference") return stackReference(context, options.stackOutputs ?? {});
    return (RESOURCE_BUILDERS[args.type] ?? fallbackState)(context);
  }

  return {
    resources,
    formerNames,
    lifecycle,
    newResource(args) {
      const built = state(args);
      if (args.type === "pulumi:providers:aws") {
        const inputs = args.inputs as Inputs;
        const allowed = inputs["allowedAccountIds"];
        const ids = typeof allowed === "string" ? (JSON.parse(allowed) as unknown) : allowed;
        const own = Array.isArray(ids) && typeof ids[0] === "string" ? ids[0] : undefined;
        if (own && typeof inputs["region"] === "string")
          providerPlaces.set(built.id, { account: own, region: inputs["region"] });
      }
      // A read (`Resource.get(name, id)`) finds the resource by the ID it was given, as the provider's Read does.
      const id = args.id || built.id;
      const extra = built.extra;
      const inputs = args.inputs as Inputs;
      const merged = { ...inputs, ...extra };
      const ends = lifecycle.get(`${args.type}::${args.name}`) ?? {
        protect: false,
        retainOnDelete: false,
        ignoreChanges: [],
      };
      resources.push({ type: args.type, name: args.name, inputs, id, state: merged, lifecycle: ends });
      return { id: args.custom === false && !id ? undefined : id, state: merged };
    },
    call(args) {
      const handler = calls[args.token];
      if (!handler) throw new UnansweredCallError(args.token, args.inputs as Inputs);
      return handler(args.inputs as Inputs);
    },
  };
}

function stackReference(
  { name, inputs }: BuildContext,
  stackOutputs: Record<string, Record<string, unknown>>,
): BuiltState {
  const stack = String(inputs["name"]);
  const outputs = stackOutputs[stack];
  if (!outputs) {
    const known = Object.keys(stackOutputs);
    throw new Error(
      `StackReference "${name}" names stack "${stack}", which is not part of this run. ` +
        (known.length ? `Stacks available: ${known.join(", ")}.` : "No stacks are available.") +
        " Run its project in the same plan, or check the org, project and environment in the name.",
    );
  }
  return { id: stack, extra: { outputs, secretOutputNames: [] } };
}
