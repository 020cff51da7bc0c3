import * as pulumi from "@pulumi/pulumi";

/** The options of one child of a service component, given the child's name. */
export type ChildOptions = (childName: string) => pulumi.CustomResourceOptions;

/**
 * Options for the children of the component `componentName`. Before services were components, a service's
 * resources sat at its stack's top level, named after `formerName` (`app-dev`, `app-dev-task`, …). With a former
 * name, each child carries an alias of that URN (the same type, no parent, the name with the component's name
 * replaced by the former one), so the engine moves the deployed resource under the component instead of
 * replacing it; auto-named AWS names stay as they were. The children of a child (awsx's task definition and ECS
 * service) are matched by the engine from their parent's alias.
 */
export function childOptions(
  parent: pulumi.Resource,
  componentName: string,
  formerName: string | undefined,
): ChildOptions {
  return (childName) => {
    if (!formerName || !childName.startsWith(componentName)) return { parent };
    const name = formerName + childName.slice(componentName.length);
    return { parent, aliases: [{ name, parent: pulumi.rootStackResource }] };
  };
}
