import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";

export const repositoryRoot = resolve(__dirname, "..", "..", "..", "..");
export const workflowsDir = join(repositoryRoot, ".github", "workflows");

export interface Step {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, string>;
  readonly env?: Record<string, string>;
}

export interface Job {
  readonly name?: string;
  readonly needs?: string | string[];
  readonly if?: string;
  readonly environment?: string | { name: string };
  readonly concurrency?: string | { group: string; "cancel-in-progress"?: boolean };
  readonly permissions?: Record<string, string> | string;
  readonly env?: Record<string, string>;
  readonly outputs?: Record<string, string>;
  readonly steps: Step[];
}

export interface Workflow {
  readonly file: string;
  readonly text: string;
  readonly name: string;
  readonly on: unknown;
  readonly permissions?: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

export function workflowFiles(): string[] {
  return readdirSync(workflowsDir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort();
}

export function loadWorkflow(file: string): Workflow {
  const text = readFileSync(join(workflowsDir, file), "utf8");
  return { ...(parse(text) as Omit<Workflow, "file" | "text">), file, text };
}
