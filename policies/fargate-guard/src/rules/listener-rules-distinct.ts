import type { PolicyResource } from "@pulumi/policy";
import { z } from "zod";
import { networkingContract, serviceContract } from "@platform/contracts/outputs";
import { plainJson } from "../lib/iam-documents";
import { code } from "../lib/messages";
import { field } from "../lib/props";
import { elbTypes, isElbType } from "../lib/resource-types";
import { defineStackRule } from "../lib/rule";
import { knownOr, UnknownDeferral } from "../lib/unknowns";
import { UPSTREAM_STACK } from "../lib/upstream-roles";

/** A rule on a shared listener: one declared in this stack, or one another service stack exports or configures. */
interface Claim {
  /** For messages: "listener rule `x`" or "the service of stack `org/shop/dev`". */
  readonly label: string;
  /** The Pulumi project of the service stack the claim comes from; undefined for this stack's own rules. */
  readonly project?: string;
  readonly listenerArn: string;
  readonly priority: number | undefined;
  /** The requests it matches, as comparable text: its hosts, paths and any other conditions, each sorted. */
  readonly match: string;
  /** The same, for people: "paths /shop/*". */
  readonly matchText: string;
}

export const listenerRulesDistinct = defineStackRule({
  name: "listener-rules-distinct",
  description:
    "Checks that no two services of an environment claim the same priority or the same requests on a shared listener.",
  cause:
    "A listener rule (`aws:lb`/`aws:alb` ListenerRule) of this stack has the same listener and either the same " +
    "priority or the same conditions (host headers, path patterns and any others) as another rule of this stack, " +
    "as the rule that another service's stack exports as `routing`, or, on the shared listener that another stack " +
    "exports as `listenerArn`, as another service of the config's `services`. Other stacks' " +
    "outputs are read from the `platform:contracts:UpstreamStack` component of this stack (outputs `{ name, outputs }`: the other stack and what was read from it; a StackReference never reaches a pack).",
  rationale:
    "Services share one load balancer, and each service's stack adds its own rule. The ALB refuses a second rule " +
    "with a priority already taken on the listener, so the later deploy fails half-way; two rules with the same " +
    "match deploy, but only the lower priority ever receives the requests, and the other service is silently dark.",
  notCovered:
    "Services that are neither in the config's `services` (generated from the service projects' stack files) nor " +
    "carried by an UpstreamStack component; overlapping but different matches (`/*` and " +
    "`/shop/*`), which priorities order on purpose; rules created outside Pulumi; listener rules of other providers " +
    "(`aws-native:elasticloadbalancingv2:ListenerRule`).",
  fix:
    "Give the rule a priority that no other rule on the listener uses (lower for more specific matches), and host " +
    "headers or path patterns of its own.",
  enforcementLevel: "mandatory",
  resourceTypes: [...elbTypes("listenerRule"), UPSTREAM_STACK],
  references: ["Elastic Load Balancing: Listener rules for your Application Load Balancer (rule priority)"],
  options: {
    services: z
      .array(
        z
          .object({
            project: z.string().min(1),
            priority: z.number().int().min(1).max(50000),
            paths: z.array(z.string()).default([]),
            hosts: z.array(z.string()).default([]),
          })
          .strict(),
      )
      .default([])
      .describe(
        "The rule each service project of the environment adds to the shared listener (its Pulumi project, priority, " +
          "paths and hosts), generated from the stack files: a service stack is checked against every other one.",
      ),
  },
  check({ resources, report, config }) {
    const unknowns = new UnknownDeferral();
    const referenced = resources.flatMap(exportedClaim);
    const others = [...referenced, ...configuredClaims(resources, config.services, referenced)];
    const own: Array<{ resource: PolicyResource; claim: Claim }> = [];
    for (const resource of resources) {
      if (!isElbType(resource.type, "listenerRule")) continue;
      unknowns.attempt(() => {
        const claim = declaredClaim(resource);
        if (claim === undefined) return;
        for (const other of [...own.map((o) => o.claim), ...others]) {
          const problem = conflict(claim, other);
          if (problem !== undefined) report(problem, resource.urn);
        }
        own.push({ resource, claim });
      });
    }
    unknowns.finish();
  },
});

function conflict(claim: Claim, other: Claim): string | undefined {
  if (claim.listenerArn !== other.listenerArn) return undefined;
  const on = `on listener ${code(claim.listenerArn)}`;
  if (claim.priority !== undefined && claim.priority === other.priority) {
    return (
      `${capitalize(claim.label)} has priority ${claim.priority} ${on}, as ${other.label} does: the ALB refuses a ` +
      `second rule with a taken priority, so the later deploy fails. Give one of them a priority of its own.`
    );
  }
  if (claim.match === other.match) {
    return (
      `${capitalize(claim.label)} matches the same requests (${claim.matchText}) ${on} as ${other.label}: only the ` +
      `rule with the lower priority would ever receive them. Give each service paths or hosts of its own.`
    );
  }
  return undefined;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The rule this stack declares; undefined when it names no listener as text (nothing to compare). */
function declaredClaim(resource: PolicyResource): Claim | undefined {
  const listenerArn = field(resource.props, "listenerArn");
  if (typeof listenerArn !== "string") return undefined;
  const priority = field(resource.props, "priority");
  const conditions = (plainJson(field(resource.props, "conditions")) ?? []) as Array<Record<string, unknown>>;
  const hosts: string[] = [];
  const paths: string[] = [];
  const rest: string[] = [];
  for (const condition of conditions) {
    const { hostHeader, pathPattern, ...other } = condition as {
      hostHeader?: { values?: string[] };
      pathPattern?: { values?: string[] };
    };
    hosts.push(...(hostHeader?.values ?? []));
    paths.push(...(pathPattern?.values ?? []));
    if (Object.keys(other).length) rest.push(JSON.stringify(other));
  }
  return {
    label: `listener rule ${code(resource.name)}`,
    listenerArn,
    priority: typeof priority === "number" ? priority : undefined,
    ...matchOf(hosts, paths, rest),
  };
}

/** The rule a service stack exports as `routing` (service contract), seen through this stack's reference to it. */
function exportedClaim(resource: PolicyResource): Claim[] {
  if (resource.type !== UPSTREAM_STACK) return [];
  const outputs = knownOr(() => plainJson(field(resource.props, "outputs")), undefined);
  const routing = serviceContract.schema.shape.routing.safeParse(field(outputs, "routing"));
  if (!routing.success || routing.data === undefined) return [];
  const stack = knownOr(() => field(resource.props, "name"), undefined);
  const name = typeof stack === "string" ? stack : resource.name;
  return [
    {
      label: `the service of stack ${code(name)}`,
      project: name.split("/").at(-2),
      listenerArn: routing.data.listenerArn,
      priority: routing.data.priority,
      ...matchOf(routing.data.hosts, routing.data.paths, []),
    },
  ];
}

type ConfiguredService = { project: string; priority: number; paths: string[]; hosts: string[] };

/**
 * The config's services, on each shared listener this stack reads (networking's `listenerArn`, from its
 * upstream-stack component), but not this stack's own project, nor a service whose stack it reads (judged from its outputs).
 */
function configuredClaims(
  resources: readonly PolicyResource[],
  services: readonly ConfiguredService[],
  referenced: readonly Claim[],
): Claim[] {
  if (!services.length) return [];
  const own = resources[0]?.urn.split("::")[1];
  const skip = new Set([own, ...referenced.map((claim) => claim.project)]);
  const listeners = resources.flatMap(sharedListener);
  return services
    .filter((service) => !skip.has(service.project))
    .flatMap((service) =>
      listeners.map((listenerArn) => ({
        label: `the service ${code(service.project)} (the rule's \`services\` config)`,
        project: service.project,
        listenerArn,
        priority: service.priority,
        ...matchOf(service.hosts, service.paths, []),
      })),
    );
}

/** The listener networking exports as `listenerArn` (its upstream-stack component here): the one every service adds its rule to. */
function sharedListener(resource: PolicyResource): string[] {
  if (resource.type !== UPSTREAM_STACK) return [];
  const outputs = knownOr(() => plainJson(field(resource.props, "outputs")), undefined);
  const listenerArn = networkingContract.schema.shape.listenerArn.safeParse(field(outputs, "listenerArn"));
  return listenerArn.success ? [listenerArn.data] : [];
}

function matchOf(hosts: readonly string[], paths: readonly string[], rest: readonly string[]) {
  const sorted = (values: readonly string[]) => [...values].map((v) => v.toLowerCase()).sort();
  const text = [
    ...(hosts.length ? [`hosts ${sorted(hosts).join(", ")}`] : []),
    ...(paths.length ? [`paths ${[...paths].sort().join(", ")}`] : []),
    ...(rest.length ? [`other conditions ${[...rest].sort().join(", ")}`] : []),
  ];
  return {
    match: JSON.stringify([sorted(hosts), [...paths].sort(), [...rest].sort()]),
    matchText: text.length ? text.join("; ") : "every request",
  };
}
