import type { ImageReference } from "@platform/image-ref";
import type { z } from "zod";
import {
  type ContainerView,
  checkEachContainer,
  imageReferenceOf,
  readTaskDefinition,
  type TaskDefinitionView,
} from "./containers";
import { CONTAINER_HOST_TYPES } from "./resource-types";
import { type ConfigOf, defineResourceRule, type ResourceRule, type ResourceUnderCheck, type RuleSpec } from "./rule";

/**
 * A rule over task definitions of both layers (the raw `aws:ecs` resource and the awsx components): it reads
 * the container host types, and `checkTask` runs only on resources that hold a task definition.
 */
export function defineTaskDefinitionRule<S extends z.ZodRawShape = Record<never, never>>(
  spec: Omit<RuleSpec<S>, "resourceTypes"> & {
    readonly checkTask: (task: TaskDefinitionView, resource: ResourceUnderCheck<ConfigOf<S>>) => void;
  },
): ResourceRule {
  const { checkTask, ...rest } = spec;
  return defineResourceRule<S>({
    ...rest,
    resourceTypes: CONTAINER_HOST_TYPES,
    check(resource) {
      const task = readTaskDefinition(resource.type, resource.props);
      if (task !== undefined) checkTask(task, resource);
    },
  });
}

/** An image a container names, with its parse result; containers whose image is not a string yet are skipped. */
export interface ContainerImage {
  readonly container: ContainerView;
  readonly image: string;
  readonly parsed:
    { readonly ok: true; readonly value: ImageReference } | { readonly ok: false; readonly error: string };
}

/** Runs `check` on the image of each container whose image is known. */
export function checkEachContainerImage(task: TaskDefinitionView, check: (image: ContainerImage) => void): void {
  checkEachContainer(task, (container) => {
    const image: unknown = container.definition.image;
    if (typeof image !== "string") return;
    check({ container, image, parsed: imageReferenceOf(image) });
  });
}
