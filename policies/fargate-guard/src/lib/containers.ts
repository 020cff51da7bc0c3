import type { PolicyResource } from "@pulumi/policy";
import { tryParseImageReference } from "@platform/image-ref";
import { memoizeParse } from "./parse-cache";
import { field, type Props, propsOf } from "./props";
import { AWSX_SERVICES, CONTAINER_HOST_TYPES, TASK_DEFINITION } from "./resource-types";
import { explainUnknown, knownOr, UnknownDeferral } from "./unknowns";

const UNKNOWN_DEFINITIONS =
  "`containerDefinitions` is built from values this preview does not know (an `apply` over outputs that are " +
  "unknown until deployment), so its containers could not be checked.";

/** One container definition, from either layer. */
export interface ContainerView {
  /** The name ECS will know the container by. */
  readonly name: string;
  /** The definition: parsed JSON for a raw task definition, proxied inputs for awsx. */
  readonly definition: Props;
  /** Where it sits in the resource's inputs, for messages. */
  readonly path: string;
}

/** The task definition a resource describes, whichever layer declares it. */
export interface TaskDefinitionView {
  readonly layer: "aws" | "awsx";
  /** Task-level inputs: the raw resource's props, or the awsx task definition args. */
  readonly args: Props;
  /** Prefix for task-level keys in messages (`taskDefinitionArgs.` on awsx services). */
  readonly argsPath: string;
  readonly containers: readonly ContainerView[];
}

export function hasContainers(type: string): boolean {
  return (CONTAINER_HOST_TYPES as readonly string[]).includes(type);
}

/**
 * Read the containers of an `aws:ecs/taskDefinition:TaskDefinition` (containerDefinitions is a
 * JSON string) or of an awsx ECS component (`container` / `containers` in its task definition
 * args). Undefined when the resource declares no task definition (an awsx service given an ARN).
 * Reading an unknown value throws the SDK's UnknownValueError, so an unknown is never a pass.
 */
export function readTaskDefinition(type: string, props: Props): TaskDefinitionView | undefined {
  if (type === TASK_DEFINITION) {
    return {
      layer: "aws",
      args: props,
      argsPath: "",
      // Read when a check asks for them, not before: `containerDefinitions` is usually JSON built inside an
      // apply, so unknown during preview, and a check of task-level inputs (cpu, memory, roles) still judges.
      get containers() {
        return parseContainerDefinitions(explainUnknown(() => props.containerDefinitions, UNKNOWN_DEFINITIONS));
      },
    };
  }
  if (!hasContainers(type)) return undefined;
  const isService = (AWSX_SERVICES as readonly string[]).includes(type);
  const args = isService ? propsOf(props.taskDefinitionArgs) : props;
  if (args === undefined) return undefined;
  const argsPath = isService ? "taskDefinitionArgs." : "";
  return { layer: "awsx", args, argsPath, containers: awsxContainers(args, argsPath) };
}

function parseContainerDefinitions(json: unknown): readonly ContainerView[] {
  if (typeof json !== "string") {
    throw new Error(`\`containerDefinitions\` must be a JSON string of container definitions, got ${typeof json}`);
  }
  return parsedContainerDefinitions(json);
}

/** Every rule reading a task definition reads the same string: parse it once. */
const parsedContainerDefinitions = memoizeParse((json: string): readonly ContainerView[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new Error(`\`containerDefinitions\` is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error("`containerDefinitions` must be a JSON array of container definitions");
  return parsed.map((definition: unknown, index) => {
    const name = field(definition, "name");
    return {
      name: typeof name === "string" ? name : `#${index}`,
      definition: propsOf(definition) ?? {},
      path: `containerDefinitions[${index}]`,
    };
  });
});

/** `tryParseImageReference`, once per distinct image: several rules read each container's image. */
export const imageReferenceOf = memoizeParse(tryParseImageReference);

/** awsx names a single `container` by its `name` (default "container") and each of `containers` by its key. */
function awsxContainers(args: Props, argsPath: string): ContainerView[] {
  const single = propsOf(args.container);
  if (single !== undefined) {
    const name = knownOr(() => single.name as string | undefined, undefined) ?? "container";
    return [{ name, definition: single, path: `${argsPath}container` }];
  }
  const many = propsOf(args.containers);
  if (many === undefined) return [];
  return Object.keys(many).map((key) => ({
    name: key,
    definition: many[key] as Props,
    path: `${argsPath}containers.${key}`,
  }));
}

/**
 * Runs `check` on every container of `task`. An unknown value stops only that container's check, and
 * the first one is rethrown at the end so the analyzer reports it as the SDK does (see UnknownDeferral).
 */
export function checkEachContainer(task: TaskDefinitionView, check: (container: ContainerView) => void): void {
  const unknowns = new UnknownDeferral();
  for (const container of task.containers) unknowns.attempt(() => check(container));
  unknowns.finish();
}

/**
 * Runs `check` on every container of every task definition among a stack's `resources` (raw or awsx), with the
 * resource that declares it. Containers unknown during preview stop only their task definition's checks, an
 * unknown inside one container only that container's; the first is rethrown at the end (see UnknownDeferral).
 */
export async function checkEachStackContainer(
  resources: readonly PolicyResource[],
  check: (host: PolicyResource, task: TaskDefinitionView, container: ContainerView) => Promise<void>,
): Promise<void> {
  const unknowns = new UnknownDeferral();
  for (const host of resources.filter((resource) => hasContainers(resource.type))) {
    const task = readTaskDefinition(host.type, host.props);
    if (task === undefined) continue;
    let containers: TaskDefinitionView["containers"] = [];
    unknowns.attempt(() => (containers = task.containers));
    for (const container of containers) await unknowns.attemptAsync(() => check(host, task, container));
  }
  unknowns.finish();
}
