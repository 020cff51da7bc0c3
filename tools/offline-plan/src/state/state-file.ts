// A stack's state as `pulumi stack export` writes it (apitype.UntypedDeployment: `{ version, deployment: {
// resources } }`), read into the shapes the plan hands to policy packs. Secrets keep their signature; one whose
// value is encrypted (an export without --show-secrets) becomes the string "[secret]", as `pulumi policy analyze
// --file` analyzes what it cannot decrypt (pulumi/pulumi pkg/cmd/pulumi/policy/policy_analyze.go).
import { readFileSync } from "node:fs";
import { UsageError } from "../args";
import { defaultOptions, type CapturedResource, type StackIdentity, type WireValue } from "../types";
import { DEFAULT_ORGANIZATION } from "../stack-config";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** One resource of an exported deployment (apitype.ResourceV3), the fields analysis reads. */
interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  delete?: boolean;
  external?: boolean;
  parent?: string;
  provider?: string;
  protect?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
  aliases?: string[];
  ignoreChanges?: string[];
  additionalSecretOutputs?: string[];
}

export interface StackState {
  file: string;
  identity: StackIdentity;
  /** Every resource the state holds but those pending deletion, as the engine analyzes a snapshot. */
  resources: CapturedResource[];
}

export function readStateFile(file: string): StackState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new UsageError(`--state ${file}: not a JSON state file (${(err as Error).message}).`);
  }
  const resources = (parsed as { deployment?: { resources?: unknown } } | null)?.deployment?.resources;
  if (!Array.isArray(resources) || !resources.every(isStateResource)) {
    throw new UsageError(
      `--state ${file}: not a state file as \`pulumi stack export\` writes it ({ "version": 3, "deployment": ` +
        `{ "resources": [{ "urn", "type", … }] } }). Fix: pulumi stack export --stack <stack> --file ${file}`,
    );
  }
  const live = resources.filter((r) => !r.delete);
  const [, stack, project] = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(live[0]?.urn ?? "") ?? [];
  return {
    file,
    identity: {
      organization: DEFAULT_ORGANIZATION,
      project: project ?? "unknown",
      stack: stack ?? "unknown",
      organizationConfigured: false,
    },
    resources: live.map(captured),
  };
}

function isStateResource(value: unknown): value is StateResource {
  const r = value as Partial<StateResource> | null;
  return typeof r?.urn === "string" && typeof r.type === "string";
}

function captured(r: StateResource): CapturedResource {
  return {
    urn: r.urn,
    type: r.type,
    name: r.urn.split("::").at(-1)!,
    operation: r.external ? "read" : "register",
    custom: r.custom ?? false,
    remote: false,
    parent: r.parent ?? "",
    provider: r.provider ?? "",
    packageVersion: "",
    inputs: wireObject(r.inputs),
    outputs: wireObject(r.outputs),
    dependencies: r.dependencies ?? [],
    propertyDependencies: r.propertyDependencies ?? {},
    options: {
      ...defaultOptions(),
      protect: r.protect ?? false,
      ignoreChanges: r.ignoreChanges ?? [],
      additionalSecretOutputs: r.additionalSecretOutputs ?? [],
      aliases: r.aliases ?? [],
    },
  };
}

const wireObject = (value: Record<string, unknown> | undefined) => wire(value ?? {}) as Record<string, WireValue>;

/** A state value as the analyzer protocol carries it: a secret as its signature object with the value. */
function wire(value: unknown): WireValue {
  if (Array.isArray(value)) return value.map(wire);
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  if (object[SECRET_SIG] === SECRET_VALUE) {
    const plaintext = object["plaintext"];
    const inner = typeof plaintext === "string" ? wire(JSON.parse(plaintext) as unknown) : "[secret]";
    return { [SECRET_SIG]: SECRET_VALUE, value: inner };
  }
  return Object.fromEntries(Object.entries(object).map(([key, v]) => [key, wire(v)]));
}
