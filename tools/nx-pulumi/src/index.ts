/**
 * @platform/nx-pulumi: a local nx plugin that turns every Pulumi.yaml into an nx project with
 * plan/preview/up/refresh/destroy targets and adds the stack-reference and policy-pack edges to the graph.
 */
export const name = "@platform/nx-pulumi";
export { createNodesV2, type PulumiProjectMetadata } from "./create-nodes";
export { createDependencies } from "./create-dependencies";
export type { NxPulumiOptions } from "./options";

// nx 24 reads `createNodes` first and keeps `createNodesV2` as the older name of the same API; export both.
export { createNodesV2 as createNodes } from "./create-nodes";
