/**
 * Valid Fargate task sizes (Linux), from "Task CPU and memory" in the Amazon ECS developer guide:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
 * (the same table pulumi-awsx encodes in awsx/ecs/fargateMemoryAndCpu.ts).
 */
const range = (from: number, to: number, step: number) =>
  Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

export const FARGATE_SIZES: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, range(1024, 4096, 1024)],
  [1024, range(2048, 8192, 1024)],
  [2048, range(4096, 16384, 1024)],
  [4096, range(8192, 30720, 1024)],
  [8192, range(16384, 61440, 4096)],
  [16384, range(32768, 122880, 8192)],
]);

export const FARGATE_CPU_UNITS: readonly number[] = [...FARGATE_SIZES.keys()];

/** The memory sizes (MiB) Fargate accepts for this CPU, or undefined when the CPU itself is invalid. */
export function validFargateMemory(cpu: number): readonly number[] | undefined {
  return FARGATE_SIZES.get(cpu);
}

export function isValidFargateSize(cpu: number, memory: number): boolean {
  return validFargateMemory(cpu)?.includes(memory) ?? false;
}

/** "512, 1024 or 2048"; long ranges are shortened to "2048 to 8192 in steps of 1024". */
export function describeMemoryChoices(cpu: number): string {
  const sizes = validFargateMemory(cpu) ?? [];
  if (sizes.length <= 4) return sizes.slice(0, -1).join(", ") + (sizes.length > 1 ? " or " : "") + sizes.at(-1);
  return `${sizes[0]} to ${sizes.at(-1)} in steps of ${sizes[1]! - sizes[0]!}`;
}
