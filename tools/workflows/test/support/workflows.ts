// The workflows as GitHub reads them: @actions/workflow-parser checks each file against GitHub's own workflow
// schema (an error fails the load) and gives the jobs, their `needs`, their `if:` (with GitHub's defaults, such
// as `success()`) and the step ids GitHub assigns. Its model leaves out `with:`, `shell:`, `defaults:`,
// `permissions:` and `strategy:`, so those are read from the same parsed token tree.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  convertWorkflowTemplate,
  isBasicExpression,
  isBoolean,
  isMapping,
  isNumber,
  isSequence,
  isString,
  NoOperationTraceWriter,
  parseWorkflow,
} from "@actions/workflow-parser";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/index";

export const repositoryRoot = resolve(__dirname, "..", "..", "..", "..");
export const workflowsDir = join(repositoryRoot, ".github", "workflows");

/** A `${{ }}` value; the parser turns a string with several of them into one `format(...)` expression. */
export class Expression {
  constructor(readonly expression: string) {}
  toString(): string {
    return `\${{ ${this.expression} }}`;
  }
}

export type Value = string | number | boolean | null | Expression | Value[] | { [key: string]: Value };
export type Mapping = { [key: string]: Value };

export interface Step {
  /** GitHub's id: the declared one, or the one it assigns (`__run`, `__actions_checkout`, ...). */
  readonly id: string;
  readonly declared: Mapping;
  readonly name: string;
  readonly if: string;
  readonly uses?: string;
  readonly run?: Value;
}

export interface Job {
  readonly id: string;
  readonly needs: string[];
  readonly if: string;
  readonly declared: Mapping;
  readonly steps: Step[];
}

export interface Workflow {
  readonly file: string;
  readonly text: string;
  readonly declared: Mapping;
  readonly jobs: Job[];
}

export function workflowFiles(): string[] {
  return readdirSync(workflowsDir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort();
}

const cache = new Map<string, Promise<Workflow>>();

export function loadWorkflow(file: string, dir = workflowsDir): Promise<Workflow> {
  const path = join(dir, file);
  if (!cache.has(path)) cache.set(path, load(file, readFileSync(path, "utf8")));
  return cache.get(path)!;
}

async function load(file: string, text: string): Promise<Workflow> {
  const parsed = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (errors.length > 0 || parsed.value === undefined) throw new Error(`${file}: ${errors.join("\n")}`);
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  if (template.errors?.length) throw new Error(`${file}: ${template.errors.map((e) => e.Message).join("\n")}`);
  const declared = plain(parsed.value) as Mapping;
  const declaredJobs = declared.jobs as Record<string, Mapping>;
  const jobs = template.jobs.map((job): Job => {
    if (job.type !== "job") throw new Error(`${file}: ${job.id.value} calls a reusable workflow; none is expected`);
    const declaredJob = declaredJobs[job.id.value]!;
    const declaredSteps = declaredJob.steps as Mapping[];
    return {
      id: job.id.value,
      needs: (job.needs ?? []).map((need) => need.value),
      if: job.if.expression,
      declared: declaredJob,
      steps: job.steps.map((step, index): Step => {
        const stepDeclared = declaredSteps[index]!;
        return {
          id: step.id,
          declared: stepDeclared,
          name: textOf(stepDeclared.name ?? stepDeclared.uses ?? stepDeclared.run ?? null),
          if: step.if?.expression ?? "success()",
          ...("uses" in step ? { uses: step.uses.value } : {}),
          ...("run" in step ? { run: stepDeclared.run! } : {}),
        };
      }),
    };
  });
  return { file, text, declared, jobs };
}

function plain(token: TemplateToken): Value {
  if (isBasicExpression(token)) return new Expression(token.expression);
  if (isString(token)) return token.value;
  if (isBoolean(token)) return token.value;
  if (isNumber(token)) return token.value;
  if (isSequence(token)) return [...token].map(plain);
  if (isMapping(token)) {
    const result: Mapping = {};
    for (const pair of token) result[textOf(plain(pair.key))] = plain(pair.value);
    return result;
  }
  return null;
}

/** A scalar as text (a step's name, a mapping key); anything else as JSON. */
function textOf(value: Value): string {
  if (value instanceof Expression) return value.toString();
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

/** A job by id, or an error that names the file. */
export function jobOf(workflow: Workflow, id: string): Job {
  const job = workflow.jobs.find((candidate) => candidate.id === id);
  if (job === undefined) throw new Error(`${workflow.file} has no job ${id}`);
  return job;
}

/** The mapping under `key`, or {} when absent. */
export function mappingOf(value: Value | undefined): Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Expression)
    ? value
    : {};
}
