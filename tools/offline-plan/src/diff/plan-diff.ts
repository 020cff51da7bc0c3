// What a change does to each stack's desired state: the base's plan against the head's, by URN, or, as the
// engine matches them, by an alias of the head's resource that names a base URN. A packaged (remote) component's
// alias does not count: its plugin registers it, and its children, without the aliases (see `counterpartOf`).
import type { CapturedResource, PlanResult, StackResult, Violation } from "../types";
import { stackLabel } from "../report/verdict";
import { comparable } from "./display-value";
import { propertyChanges, type PropertyChange } from "./property-diff";
import { configChanges } from "./config-diff";

export interface ResourceRef {
  urn: string;
  type: string;
  name: string;
  parent: string;
}

export interface ChangedResource extends ResourceRef {
  changes: PropertyChange[];
  /** The base's URN, when the resource is matched through one of its aliases: the engine moves it, in place. */
  formerUrn?: string;
}

export interface StackDiff {
  /** `project/stack` */
  stack: string;
  /** `compared`; `added`/`removed` when the stack exists on one side only; `not-compared` when a program failed. */
  status: "compared" | "added" | "removed" | "not-compared";
  /** Why the stack was not compared: the failing side and its error. */
  reason: string | null;
  added: ResourceRef[];
  removed: ResourceRef[];
  /**
   * The same logical name with another type or parent, or a packaged component whose alias names the base one:
   * the engine replaces it. `reason` says why when it is not the type or the parent.
   */
  replaced: { base: ResourceRef; head: ResourceRef; reason?: string }[];
  changed: ChangedResource[];
  /** Changes of the stack's outputs (`pulumi:pulumi:Stack` outputs). */
  outputs: PropertyChange[];
  /** Changes of the stack file's config values; `secure:` values only say whether they changed. */
  config: PropertyChange[];
  violations: { introduced: Violation[]; fixed: Violation[] };
}

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * The engine sends a remote component's aliases to Construct in a field that awsx's plugin, built on an older SDK,
 * does not read (libs/service-component/src/former-names.ts, `packagedPlacement`, cites the sources).
 */
export const PACKAGED_ALIAS =
  "packaged component: its alias does not reach its plugin, so it and its children are created new and the old ones deleted";

/**
 * What a packaged component's children make, as its outputs beyond its inputs (awsx's FargateService: the ECS
 * service's name, the task definition's family): the offline plan creates no children, so these stand for them.
 */
function childChanges(before: CapturedResource, now: CapturedResource): PropertyChange[] {
  const made = (r: CapturedResource) =>
    Object.fromEntries(Object.entries(r.outputs).filter(([key]) => !(key in r.inputs)));
  return propertyChanges(comparable(made(before)), comparable(made(now)), "outputs");
}
const ref = ({ urn, type, name, parent }: CapturedResource): ResourceRef => ({ urn, type, name, parent });

export function diffPlans(base: PlanResult, head: PlanResult): StackDiff[] {
  const baseStacks = new Map(base.stacks.map((s) => [stackLabel(s), s]));
  const diffs = head.stacks.map((stack) => diffStack(baseStacks.get(stackLabel(stack)), stack));
  const headLabels = new Set(head.stacks.map(stackLabel));
  for (const stack of base.stacks.filter((s) => !headLabels.has(stackLabel(s))))
    diffs.push(diffStack(stack, undefined));
  return diffs;
}

export function hasChanges(diff: StackDiff): boolean {
  const lists = [
    diff.added,
    diff.removed,
    diff.replaced,
    diff.changed,
    diff.outputs,
    diff.config,
    diff.violations.introduced,
    diff.violations.fixed,
  ];
  return diff.status !== "compared" || lists.some((list) => list.length > 0);
}

/** The diff of a stack compared on both sides and found unchanged; every other diff starts from it. */
export function unchangedStack(stack: string): StackDiff {
  return {
    stack,
    status: "compared",
    reason: null,
    added: [],
    removed: [],
    replaced: [],
    changed: [],
    outputs: [],
    config: [],
    violations: { introduced: [], fixed: [] },
  };
}

function diffStack(base: StackResult | undefined, head: StackResult | undefined): StackDiff {
  const empty = unchangedStack(stackLabel((head ?? base)!));
  if (!base)
    return {
      ...empty,
      status: "added",
      added: head!.resources.map(ref),
      violations: { introduced: head!.violations, fixed: [] },
    };
  if (!head)
    return {
      ...empty,
      status: "removed",
      removed: base.resources.map(ref),
      violations: { introduced: [], fixed: base.violations },
    };
  const config = configChanges(base.stackFile, head.stackFile);
  const failed = base.error
    ? `the program fails at the base:\n${base.error}`
    : head.error
      ? `the program fails at the working tree:\n${head.error}`
      : null;
  if (failed) return { ...empty, status: "not-compared", reason: failed, config };

  const baseByUrn = new Map(base.resources.map((r) => [r.urn, r]));
  /** Each head resource's base counterpart: the same URN, else the first alias that names a base URN. */
  const counterpart = new Map<CapturedResource, CapturedResource>();
  const replaced: StackDiff["replaced"] = [];
  for (const now of head.resources) {
    const before = baseByUrn.get(now.urn) ?? now.options.aliases.map((urn) => baseByUrn.get(urn)).find(Boolean);
    if (before && now.remote && before.urn !== now.urn)
      replaced.push({ base: ref(before), head: ref(now), reason: PACKAGED_ALIAS });
    else if (before) counterpart.set(now, before);
  }
  const replacedUrns = new Set(replaced.flatMap((r) => [r.base.urn, r.head.urn]));
  const matched = new Set(counterpart.values());
  const added = head.resources.filter((r) => !counterpart.has(r) && !replacedUrns.has(r.urn));
  const removed = base.resources.filter((r) => !matched.has(r) && !replacedUrns.has(r.urn));
  for (const gone of [...removed]) {
    const successor = added.find((r) => r.name === gone.name);
    if (!successor) continue;
    replaced.push({ base: ref(gone), head: ref(successor) });
    removed.splice(removed.indexOf(gone), 1);
    added.splice(added.indexOf(successor), 1);
  }

  /** A moved resource's finding is the same finding under its new URN. */
  const headUrnOf = new Map([...counterpart].map(([now, before]) => [before.urn, now.urn]));
  const changed: ChangedResource[] = [];
  let outputs: PropertyChange[] = [];
  for (const [now, before] of counterpart) {
    const changes = [
      ...propertyChanges(comparable(before.inputs), comparable(now.inputs)),
      ...(now.remote ? childChanges(before, now) : []),
    ];
    const moved = before.urn !== now.urn ? { formerUrn: before.urn } : {};
    if (changes.length || moved.formerUrn) changed.push({ ...ref(now), changes, ...moved });
    if (now.type === ROOT_STACK_TYPE && !now.parent)
      outputs = propertyChanges(comparable(before.outputs), comparable(now.outputs));
  }
  return {
    ...empty,
    added: added.map(ref),
    removed: removed.map(ref),
    replaced,
    changed,
    outputs,
    config,
    violations: {
      introduced: without(head.violations, base.violations, headUrnOf),
      fixed: without(base.violations, head.violations, headUrnOf),
    },
  };
}

const violationKey = (v: Violation): string =>
  [v.policyPack, v.policyName, v.enforcementLevel, v.urn, v.message].join("\0");

/** The violations not among `others`, a base finding compared under its resource's head URN. */
function without(violations: Violation[], others: Violation[], headUrnOf = new Map<string, string>()): Violation[] {
  const key = (v: Violation) => violationKey({ ...v, urn: headUrnOf.get(v.urn) ?? v.urn });
  const known = new Set(others.map(key));
  return violations.filter((v) => !known.has(key(v)));
}
