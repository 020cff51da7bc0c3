import { type CreateDependencies, DependencyType, type RawProjectGraphDependency } from "@nx/devkit";
import type { PulumiProjectMetadata } from "./create-nodes";

/**
 * Adds the edges nx cannot see in imports: a Pulumi project depends on the projects whose stacks it reads
 * (StackReference) and on the policy packs it is deployed with. Both are implicit edges: there is no import to
 * point at, and the module-boundary check allows a project-to-project edge only when it is one of these.
 */
export const createDependencies: CreateDependencies = (_options, context) => {
  const edges: RawProjectGraphDependency[] = [];
  const nameByRoot = new Map(Object.entries(context.projects).map(([name, config]) => [config.root, name]));
  const pulumiProjects = Object.entries(context.projects).flatMap(([name, config]) => {
    const pulumi = (config.metadata as { pulumi?: PulumiProjectMetadata } | undefined)?.pulumi;
    return pulumi ? [{ name, root: config.root, pulumi }] : [];
  });
  for (const { name, root, pulumi } of pulumiProjects) {
    // The edges below name upstream projects by Pulumi project name; an nx name that differs would silently drop them.
    if (name !== pulumi.project) {
      throw new Error(
        `${root}: the nx project is named "${name}" but its Pulumi.yaml says \`name: ${pulumi.project}\`. ` +
          `Set "name": "${pulumi.project}" in ${root}/project.json so deploy ordering can find it.`,
      );
    }
    for (const upstream of pulumi.stackReferences) {
      edges.push({ source: name, target: upstream, type: DependencyType.implicit });
    }
    for (const pack of pulumi.policyPacks) {
      const packProject = nameByRoot.get(pack);
      if (!packProject) {
        throw new Error(
          `The policy pack folder ${pack} (plugin option \`policyPacks\` in nx.json) is not an nx project; ` +
            `it needs a package.json or project.json.`,
        );
      }
      edges.push({ source: name, target: packProject, type: DependencyType.implicit });
    }
  }
  return edges;
};
