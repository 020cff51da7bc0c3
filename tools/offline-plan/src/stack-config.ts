// The config a program gets, as the Pulumi CLI computes it: Pulumi.<env>.yaml merged with the
// project's declarations in Pulumi.yaml, checked the way `pulumi preview` checks it before it runs
// anything (pkg workspace `mergeConfig` / `validateStackConfigValues`), then encoded for the
// program as PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS.
import { existsSync } from "node:fs";
import * as path from "node:path";
// The stack-file reader lives once in @platform/config (the program tests use it too). It is imported
// through its own entry point: the package index also loads the Pulumi SDK, which the plan's parent
// process never needs.
import { checkStackFile, readStackConfig } from "@platform/config/stack-files";
import type { ConfigDeclaration } from "@platform/config/pulumi-project-file";
import { shownSafely } from "@platform/config/secret-values";
import type { PlannedProject } from "./discovery";
import type { StackIdentity } from "./types";

export interface ProgramConfig {
  identity: StackIdentity;
  /** Absolute path of Pulumi.<env>.yaml, or null when the program runs without one. */
  stackFile: string | null;
  values: Record<string, string>;
  secretKeys: string[];
  accountId?: string;
  region?: string;
  /** Problems that let the program run, for the progress log. */
  warnings: string[];
  /**
   * A missing region or account list in dev: shown only once the program has declared AWS resources,
   * since a program without any needs neither.
   */
  awsWarnings: string[];
}

/** Pulumi's default organization for individual accounts. */
export const DEFAULT_ORGANIZATION = "organization";

export function programConfig(project: PlannedProject, env: string): ProgramConfig {
  const read = readStackConfig(project.dir, env);
  const stackFile = read.exists ? path.join(project.dir, read.stackFile) : null;
  const fileLabel = stackFile
    ? path.relative(process.cwd(), stackFile) || read.stackFile
    : `${read.stackFile} (absent)`;
  const fileProblems = checkStackFile({ ...read, stackFile: fileLabel }, env);
  const errors = fileProblems.filter((p) => p.severity === "error").map((p) => p.message);
  if (errors.length) {
    throw new Error(
      `Invalid configuration in ${fileLabel} (${errors.length} ${errors.length === 1 ? "problem" : "problems"}):\n  - ${errors.join("\n  - ")}`,
    );
  }
  checkAgainstDeclarations(project, env, read.values, read.secretKeys, fileLabel);

  const warnings = fileProblems.filter((p) => p.severity === "warning");
  const configuredOrg = read.values[`${project.name}:org`];
  const region = read.values["aws:region"];
  const accountId = firstAllowedAccount(read.values["aws:allowedAccountIds"], fileLabel);
  return {
    identity: {
      organization: configuredOrg || DEFAULT_ORGANIZATION,
      project: project.name,
      stack: env,
      organizationConfigured: !!configuredOrg,
    },
    stackFile,
    values: read.values,
    secretKeys: read.secretKeys,
    ...(accountId ? { accountId } : {}),
    ...(region ? { region } : {}),
    warnings: warnings.filter((p) => !p.key.startsWith("aws:")).map((p) => p.message),
    awsWarnings: warnings.filter((p) => p.key.startsWith("aws:")).map((p) => p.message),
  };
}

/** The environment variables the CLI's Node.js language host gives a program. */
export function configEnvironment(config: ProgramConfig, projectDir: string): Record<string, string> {
  return {
    PULUMI_CONFIG: JSON.stringify(config.values),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(config.secretKeys),
    PULUMI_NODEJS_PROJECT: config.identity.project,
    PULUMI_NODEJS_STACK: config.identity.stack,
    PULUMI_NODEJS_ORGANIZATION: config.identity.organization,
    PULUMI_NODEJS_DRY_RUN: "true",
    PULUMI_NODEJS_ROOT_DIRECTORY: projectDir,
  };
}

function checkAgainstDeclarations(
  project: PlannedProject,
  env: string,
  values: Record<string, string>,
  secretKeys: string[],
  fileLabel: string,
): void {
  const missing: string[] = [];
  const problems: string[] = [];
  for (const [key, decl] of Object.entries(project.config).sort(([a], [b]) => a.localeCompare(b))) {
    const value = values[key];
    if (value === undefined) {
      // Only keys in the project's own namespace are required (provider keys such as aws:region are not).
      if (key.startsWith(`${project.name}:`) && decl.default === undefined && decl.value === undefined)
        missing.push(key);
      continue;
    }
    if (decl.secret && !secretKeys.includes(key)) {
      problems.push(
        `\`${key}\` is plaintext in ${fileLabel}, but Pulumi.yaml declares it \`secret: true\`. Fix: \`pulumi config set --secret ${key} <value> --stack ${env}\`.`,
      );
    }
    if (decl.type && !matchesType(decl, value)) {
      problems.push(
        `\`${key}\` is ${JSON.stringify(shownSafely(value))} in ${fileLabel}, but Pulumi.yaml declares it \`type: ${typeName(decl)}\`. Fix: set a ${typeName(decl)} value.`,
      );
    }
  }
  if (missing.length) {
    problems.unshift(
      `Pulumi.yaml declares ${missing.map((k) => `\`${k}\``).join(", ")} without a \`default\`, so the Pulumi CLI requires ${missing.length === 1 ? "it" : "them"} ` +
        `in the stack file, and ${fileLabel} does not set ${missing.length === 1 ? "it" : "them"} (\`pulumi preview\` stops with ` +
        `"Stack '${env}' is missing configuration value${missing.length === 1 ? "" : "s"} ..."). ` +
        `Fix: set ${missing.length === 1 ? "it" : "them"} in ${fileLabel}, or give each a \`default:\` in ${path.join(path.relative(process.cwd(), project.dir) || ".", "Pulumi.yaml")}.`,
    );
  }
  if (problems.length) {
    throw new Error(
      `The config of ${project.name}/${env} fails the checks \`pulumi preview\` makes before it runs the program:\n  - ${problems.join("\n  - ")}`,
    );
  }
}

/** As the CLI's ValidateConfigValue: scalars arrive as text, lists as JSON text. */
function matchesType(decl: ConfigDeclaration, text: string): boolean {
  const scalar = (type: string | undefined, v: unknown) => {
    if (type === "string") return typeof v === "string";
    if (type === "integer")
      return (typeof v === "number" && Number.isInteger(v)) || (typeof v === "string" && /^[-+]?\d+$/.test(v));
    if (type === "boolean") return typeof v === "boolean" || v === "true" || v === "false";
    return true;
  };
  if (decl.type !== "array") {
    const structured = parseJson(text);
    return typeof structured === "object" && structured !== null ? false : scalar(decl.type, text);
  }
  const list = parseJson(text);
  return (
    Array.isArray(list) &&
    list.every((item) =>
      scalar(decl.items?.type, typeof item === "object" ? item : typeof item === "string" ? item : String(item)),
    )
  );
}

const typeName = (decl: ConfigDeclaration) =>
  decl.type === "array" ? `array of ${decl.items?.type ?? "any"}` : decl.type!;

function parseJson(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function firstAllowedAccount(value: string | undefined, fileLabel: string): string | undefined {
  if (value === undefined) return undefined;
  const list = parseJson(value);
  const first: unknown = Array.isArray(list) ? (list as unknown[])[0] : value;
  const account = typeof first === "number" ? String(first) : first;
  if (typeof account !== "string" || !/^\d{12}$/.test(account)) {
    throw new Error(
      `\`aws:allowedAccountIds\` is ${value} in ${fileLabel}: expected a list of 12-digit AWS account IDs, e.g. ["111111111111"].`,
    );
  }
  return account;
}

/** A project's own data-source results for the mocks, when it has a fixture file. */
export function fixtureFileOf(projectDir: string, name: string): string | undefined {
  const file = path.join(projectDir, name);
  return existsSync(file) ? file : undefined;
}
