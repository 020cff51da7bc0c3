import { describeMemoryChoices, FARGATE_CPU_UNITS, isValidFargateSize, validFargateMemory } from "@platform/config";
import { readTaskDefinition } from "../lib/containers";
import { code } from "../lib/messages";
import { AWSX_FARGATE_SERVICE, AWSX_FARGATE_TASK_DEFINITION, TASK_DEFINITION } from "../lib/resource-types";
import { defineResourceRule } from "../lib/rule";

export const fargateTaskSize = defineResourceRule({
  name: "fargate-task-size",
  description: "Checks that a Fargate task asks for a CPU and memory combination Fargate offers.",
  cause:
    "A Fargate task definition has no task-level `cpu` or `memory`, a `cpu` Fargate does not offer, or a `memory` " +
    "that is not offered for its `cpu` (the table in the Amazon ECS developer guide).",
  rationale: "ECS rejects other sizes only when the task definition is registered, halfway through `pulumi up`.",
  notCovered:
    "EC2 launch type sizes; the account's Fargate quotas; task definitions of other providers (`aws-native:ecs:TaskDefinition`).",
  fix: "Pick a pair from the Fargate table, e.g. cpu 256 with memory 512, 1024 or 2048; the message lists the memory sizes for your cpu.",
  enforcementLevel: "advisory",
  resourceTypes: [TASK_DEFINITION, AWSX_FARGATE_SERVICE, AWSX_FARGATE_TASK_DEFINITION],
  references: ["Amazon ECS developer guide: Fargate task CPU and memory", "pulumi-awsx fargateMemoryAndCpu.ts"],
  check({ type, props, report }) {
    if (type === TASK_DEFINITION && !requiresFargate(props.requiresCompatibilities)) return;
    const task = readTaskDefinition(type, props);
    if (task === undefined) return;
    const rawCpu: unknown = task.args.cpu;
    const rawMemory: unknown = task.args.memory;
    const at = task.argsPath;
    if (task.layer === "aws" && (rawCpu === undefined || rawMemory === undefined)) {
      report(
        `Fargate task definition sets ${rawCpu === undefined ? "no `cpu`" : "no `memory`"}: Fargate needs both at task level, e.g. cpu "256" and memory "512".`,
      );
      return;
    }
    // awsx computes a missing cpu or memory from the containers' needs.
    if (rawCpu === undefined) return;
    const cpu = cpuUnits(rawCpu);
    if (cpu === undefined || validFargateMemory(cpu) === undefined) {
      report(
        `\`${at}cpu\` is ${code(rawCpu)}, which Fargate does not offer: use ${FARGATE_CPU_UNITS.join(", ")} (CPU units; 1024 = 1 vCPU).`,
      );
      return;
    }
    if (rawMemory === undefined) return;
    const memory = memoryMiB(rawMemory);
    if (memory === undefined || !isValidFargateSize(cpu, memory)) {
      report(
        `\`${at}cpu\` is ${cpu}, so \`${at}memory\` must be ${describeMemoryChoices(cpu)} MiB (got ${code(rawMemory)}).`,
      );
    }
  },
});

function requiresFargate(compatibilities: unknown): boolean {
  return Array.isArray(compatibilities) && compatibilities.includes("FARGATE");
}

/** ECS takes cpu as units ("256") or vCPUs ("0.25 vCPU"): RegisterTaskDefinition, `cpu`. */
function cpuUnits(value: unknown): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(vcpu)?\s*$/i.exec(String(value));
  if (match === null) return undefined;
  const amount = Number(match[1]);
  return match[2] === undefined ? amount : amount * 1024;
}

/** ECS takes memory as MiB ("512") or GB ("0.5 GB"): RegisterTaskDefinition, `memory`. */
function memoryMiB(value: unknown): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(gb)?\s*$/i.exec(String(value));
  if (match === null) return undefined;
  const amount = Number(match[1]);
  return match[2] === undefined ? amount : amount * 1024;
}
