import type { ProjectGraph, ProjectGraphDependency } from "@nx/devkit";

/**
 * What a project of one type may depend on. This is @nx/enforce-module-boundaries' `depConstraints` model,
 * checked on the project graph rather than by an ESLint import rule: the graph also holds the implicit edges (stack
 * references) and package.json dependencies, which no import statement shows.
 */
export interface DependencyRule {
  readonly sourceTag: string;
  /** Tags a dependency may carry, through any kind of edge (an import, package.json, or implicit). */
  readonly onlyDependOn: readonly string[];
  /** Tags allowed only through implicit edges: stack references, which are declared, never imported. */
  readonly onlyImplicitlyDependOn?: readonly string[];
}

export const DEPENDENCY_RULES: readonly DependencyRule[] = [
  { sourceTag: "type:lib", onlyDependOn: ["type:lib"] },
  { sourceTag: "type:policy-pack", onlyDependOn: ["type:lib"] },
  // A Pulumi project reads another's outputs through a StackReference and a contract, never by importing it.
  {
    sourceTag: "type:pulumi-project",
    onlyDependOn: ["type:lib", "type:policy-pack"],
    onlyImplicitlyDependOn: ["type:pulumi-project"],
  },
  { sourceTag: "type:tool", onlyDependOn: ["type:lib", "type:tool"] },
];

/** Projects with `scope:<x>` may import only `scope:<x>` and this scope (implicit edges excepted). */
export const SHARED_SCOPE = "scope:shared";

export interface BoundaryViolation {
  readonly source: string;
  readonly target?: string;
  readonly message: string;
}

/** Every edge between workspace projects that breaks a rule, and every project missing its type or scope tag. */
export function findBoundaryViolations(
  graph: ProjectGraph,
  rules: readonly DependencyRule[] = DEPENDENCY_RULES,
): BoundaryViolation[] {
  const violations: BoundaryViolation[] = [];
  const tagsOf = (name: string): readonly string[] => graph.nodes[name]?.data.tags ?? [];
  const knownTypes = rules.map((r) => r.sourceTag);

  for (const name of Object.keys(graph.nodes).sort()) {
    const types = tagsOf(name).filter((t) => knownTypes.includes(t));
    const scopes = tagsOf(name).filter((t) => t.startsWith("scope:"));
    if (types.length !== 1 || scopes.length !== 1) {
      violations.push({
        source: name,
        message: `${name} must have exactly one of ${knownTypes.join(", ")} and exactly one scope:* tag (has ${JSON.stringify(tagsOf(name))}).`,
      });
    }
  }

  for (const [source, edges] of Object.entries(graph.dependencies)) {
    if (!graph.nodes[source]) continue;
    for (const edge of edges) {
      if (!graph.nodes[edge.target]) continue; // npm packages are not workspace projects
      const message = checkEdge(edge, tagsOf(source), tagsOf(edge.target), rules);
      if (message)
        violations.push({
          source,
          target: edge.target,
          message: `${source} -> ${edge.target} (${edge.type}): ${message}`,
        });
    }
  }
  return violations;
}

function checkEdge(
  edge: ProjectGraphDependency,
  sourceTags: readonly string[],
  targetTags: readonly string[],
  rules: readonly DependencyRule[],
): string | undefined {
  const implicit = edge.type === "implicit";
  for (const rule of rules.filter((r) => sourceTags.includes(r.sourceTag))) {
    const allowed = [...rule.onlyDependOn, ...(implicit ? (rule.onlyImplicitlyDependOn ?? []) : [])];
    if (!targetTags.some((t) => allowed.includes(t))) {
      const viaStackReference = (rule.onlyImplicitlyDependOn ?? []).filter((t) => targetTags.includes(t));
      return viaStackReference.length
        ? `a ${rule.sourceTag} may reach a ${viaStackReference.join("/")} only through a stack reference (libs/contracts), not an import.`
        : `a ${rule.sourceTag} may depend only on ${allowed.join(", ")}; the target is tagged ${JSON.stringify(targetTags)}.`;
    }
  }
  const sourceScope = sourceTags.find((t) => t.startsWith("scope:"));
  const targetScope = targetTags.find((t) => t.startsWith("scope:"));
  if (!implicit && sourceScope && targetScope && targetScope !== SHARED_SCOPE && targetScope !== sourceScope) {
    return `${sourceScope} may import only ${sourceScope} and ${SHARED_SCOPE} projects, not ${targetScope}.`;
  }
  return undefined;
}
