import * as pulumi from "@pulumi/pulumi";

/** The type token of the ECS service that awsx's FargateService creates as its child. */
export const ECS_SERVICE_TYPE = "aws:ecs/service:Service";

/**
 * Autoscaling owns the running task count after the first deploy. Without this, a `pulumi refresh` records the
 * scaled-out count and the next `up` sets the service back to the config's `desiredCount`. awsx creates the
 * ECS service inside its component, out of reach of resource options, so a transform adds the option to that
 * child when the engine registers it. The config's `desiredCount` still sets the count at creation.
 */
export const ignoreDesiredCountOnService: pulumi.ResourceTransform = (args) => {
  if (args.type !== ECS_SERVICE_TYPE) return undefined;
  if (args.opts.ignoreChanges?.includes("desiredCount")) return undefined;
  // mergeOptions appends to the child's own ignoreChanges rather than replacing them.
  return { props: args.props, opts: pulumi.mergeOptions(args.opts, { ignoreChanges: ["desiredCount"] }) };
};
