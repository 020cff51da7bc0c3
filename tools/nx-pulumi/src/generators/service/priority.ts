import type { ExistingRule } from "./workspace-facts";

const STEP = 10;

/**
 * The listener priority of a new service: the lowest multiple of ten no service of any environment uses, so the same
 * number fits every stack file, below every catch-all rule (`/*`), which must be matched last. Then any free number
 * below the catch-alls; undefined when there is none.
 */
export function nextFreePriority(rules: readonly ExistingRule[]): number | undefined {
  const used = new Set(rules.map((r) => r.priority));
  const catchAll = rules.filter((r) => r.hosts.length === 0 && r.paths.includes("/*")).map((r) => r.priority);
  const ceiling = Math.min(50001, ...catchAll);
  for (let p = STEP; p < ceiling; p += STEP) if (!used.has(p)) return p;
  for (let p = 1; p < ceiling; p++) if (!used.has(p)) return p;
  return undefined;
}
