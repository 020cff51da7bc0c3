import * as pulumi from "@pulumi/pulumi";

/** The options of one child of a service component, given the child's name. */
export type ChildOptions = (childName: string) => pulumi.CustomResourceOptions;

/**
 * Options for the children of the component `componentName`. Before services were components, a service's
 * resources sat at its stack's top level, named after `formerName` (`app-dev`, `app-dev-task`, …). With a former
 * name, each child carries an alias of that URN (the same type, no parent, the name with the component's name
 * replaced by the former one), so the engine moves the deployed resource under the component instead of
 * replacing it; auto-named AWS names stay as they were. This holds for resources our program registers itself, not
 * for a packaged component's children (`packagedPlacement`).
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

/**
 * Where the component declares a packaged component (awsx's FargateService) and under which name. Its children, the
 * ECS service and the task definition (whose `family` awsx derives from the name: pulumi-awsx
 * awsx/ecs/fargateTaskDefinition.ts, `buildTaskDefinitionArgs`), are registered by awsx's own plugin, and an alias
 * never reaches them. The engine passes a remote component's aliases to Construct as alias specs, in
 * ConstructRequest field 29 (pulumi/pulumi#21050, since 3.217: proto/pulumi/provider.proto,
 * sdk/go/common/resource/plugin/provider_plugin.go `Construct`); the plugin is built on @pulumi/pulumi 3.200.0
 * (pulumi-awsx awsx/package.json and yarn.lock, unchanged from 2025-10 to the snapshot read, 2026-08-20, shortly
 * before awsx 3.9.0), whose sdk/nodejs/provider/server.ts reads only the former field 14, which the engine no
 * longer sends. The plugin registers the component without aliases, so its children would be created
 * new and the deployed ones deleted: another service name, another task family, the count back to desiredCount
 * (pulumi/pulumi-awsx#1030). So a stack deployed before services were components keeps the component where it
 * was, at the stack's top level under its former name: its URN, and its children's, do not change.
 */
export function packagedPlacement(
  parent: pulumi.Resource,
  componentName: string,
  formerName: string | undefined,
): { name: string; opts: pulumi.ComponentResourceOptions } {
  // No parent: the SDK parents it to the stack (sdk/nodejs/resource.ts, `opts.parent || getStackResource()`).
  return formerName ? { name: formerName, opts: {} } : { name: componentName, opts: { parent } };
}
