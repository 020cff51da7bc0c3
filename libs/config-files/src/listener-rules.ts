// A service's rule on the shared listener, as its stack file configures it: read by the pack-config generator
// (which lists every service's rule for listener-rules-distinct) and by the service generator (which picks a free
// priority and refuses a match another service has), so both read a stack file the same way.

/** A service's rule on the shared listener: its priority, and the paths and hosts it matches. */
export interface ListenerRule {
  readonly project: string;
  readonly priority: number;
  readonly paths: readonly string[];
  readonly hosts: readonly string[];
}

/**
 * The rule of `project` from its stack file's values (`value(key)` gives a key's parsed value), with the service
 * component's default: no paths and no hosts is every path. Undefined when the priority is not an integer: the
 * program refuses such a stack file anyway, with a better message than a rule list could give.
 */
export function listenerRuleOf(project: string, value: (key: string) => unknown): ListenerRule | undefined {
  const priority = value(`${project}:listenerPriority`);
  if (typeof priority !== "number" || !Number.isInteger(priority)) return undefined;
  const list = (key: string) => {
    const v = value(`${project}:${key}`);
    return Array.isArray(v) ? v.filter((item): item is string => typeof item === "string") : [];
  };
  const hosts = list("hosts");
  const paths = list("paths");
  return { project, priority, paths: paths.length || hosts.length ? paths : ["/*"], hosts };
}
