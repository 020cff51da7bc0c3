// The command line and environment with which the Pulumi CLI's Node.js language host (pulumi-language-nodejs,
// sdk/nodejs/cmd/pulumi-language-nodejs/main.go: Run, execRuntime, constructArguments, constructConfig) starts a
// program, rebuilt here because that Go binary is not part of npm. Everything comes from the project's own
// Pulumi.yaml, as the CLI reads it; nothing here knows our projects.
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import * as path from "node:path";
import { readPulumiProjectFile } from "@platform/config/pulumi-project-file";

/** What the engine's RunRequest carries for one program run. */
export interface RunRequest {
  /** The project folder, holding Pulumi.yaml (the CLI's root directory). */
  readonly projectDir: string;
  readonly stack: string;
  readonly organization: string;
  /** Config by `namespace:key`, every value as text, as the engine decrypts it from the stack file. */
  readonly config: Readonly<Record<string, string>>;
  readonly configSecretKeys: readonly string[];
  /** `pulumi preview` runs the program as a dry run; `pulumi up` does not. */
  readonly dryRun: boolean;
  /** host:port of the engine's ResourceMonitor (the language host puts its forwarding proxy in between). */
  readonly monitorAddress: string;
  /** host:port of the engine's Engine service, given to the language host on its own command line. */
  readonly engineAddress: string;
  /** The folder of the language host's synchronous-invoke pipes. */
  readonly syncDirectory: string;
  /**
   * Replaces `runtime.options` of Pulumi.yaml, for a test that shows what the program needs from them; the
   * CLI always uses the file's.
   */
  readonly runtimeOptions?: Readonly<Record<string, unknown>>;
}

export interface ProgramCommand {
  readonly file: string;
  readonly args: string[];
  /** Added to the environment the CLI (and so the language host) runs in. */
  readonly env: Record<string, string>;
  readonly cwd: string;
}

/** The `node …/cmd/run …` that `pulumi preview` (or `up`) makes the language host run for a project. */
export function languageHostCommand(request: RunRequest): ProgramCommand {
  const projectFile = readPulumiProjectFile(path.join(request.projectDir, "Pulumi.yaml"));
  if (projectFile.runtime !== "nodejs") {
    throw new Error(`${projectFile.file}: runtime is ${projectFile.runtime}; only nodejs programs start this way`);
  }
  const options = request.runtimeOptions ?? projectFile.runtimeOptions;
  const { pwd, main } = pwdMain(request.projectDir, projectFile.main);
  // locateModule: `require.resolve('@pulumi/pulumi/cmd/run')` run by node in the program's folder.
  const runPath = require.resolve("@pulumi/pulumi/cmd/run", { paths: [pwd] });
  const flags: [string, string][] = [
    ["monitor", request.monitorAddress],
    ["engine", request.engineAddress],
    ["sync", request.syncDirectory],
    ["organization", request.organization],
    ["project", projectFile.name],
    ["root-directory", request.projectDir],
    ["stack", request.stack],
    ["pwd", pwd],
  ];
  const args = flags.flatMap(([flag, value]) => (value ? [`--${flag}`, value] : []));
  if (request.dryRun) args.push("--dry-run");
  // The CLI's default --parallel: GOMAXPROCS × 4. No --tracing: the CLI passes it only when tracing is on.
  args.push("--parallel", String(availableParallelism() * 4), main);

  const env: Record<string, string> = {
    PULUMI_CONFIG: JSON.stringify(languageHostConfig(request.config)),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(request.configSecretKeys),
  };
  if (booleanOption(options, "typescript", true, projectFile.file)) env["PULUMI_NODEJS_TYPESCRIPT"] = "true";
  const tsconfig = options["tsconfig"];
  if (typeof tsconfig === "string" && tsconfig) env["PULUMI_NODEJS_TSCONFIG_PATH"] = tsconfig;
  return {
    file: process.execPath,
    args: [...nodeArgs(options["nodeargs"], projectFile.file), runPath, ...args],
    env,
    cwd: pwd,
  };
}

/** The engine's getPwdMain: a `main` file runs from its folder, a `main` folder (or none) as ".". */
function pwdMain(projectDir: string, main: string | undefined): { pwd: string; main: string } {
  if (main === undefined) return { pwd: projectDir, main: "." };
  const resolved = path.resolve(projectDir, main);
  if (statSync(resolved).isDirectory()) return { pwd: resolved, main: "." };
  return { pwd: path.dirname(resolved), main: path.basename(resolved) };
}

/** constructConfig: keys reach the program in the older `<namespace>:config:<name>` form. */
function languageHostConfig(config: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => {
      const colon = key.indexOf(":");
      return [`${key.slice(0, colon)}:config:${key.slice(colon + 1)}`, value];
    }),
  );
}

function booleanOption(options: Readonly<Record<string, unknown>>, key: string, fallback: boolean, file: string) {
  const value = options[key] ?? fallback;
  if (typeof value !== "boolean")
    throw new Error(`${file}: runtime.options.${key} must be a boolean, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * The language host splits `nodeargs` with Go's google/shlex. Words separated by blanks are all that this
 * repository's files use; quoting, escapes and comments are refused rather than split differently from the CLI,
 * which no npm package reproduces exactly.
 */
function nodeArgs(value: unknown, file: string): string[] {
  if (value === undefined) return [];
  if (typeof value !== "string") throw new Error(`${file}: runtime.options.nodeargs must be a string`);
  if (/["'\\#]/.test(value)) {
    throw new Error(
      `${file}: runtime.options.nodeargs ${JSON.stringify(value)} uses shell quoting this test helper does not split`,
    );
  }
  return value.split(/\s+/).filter(Boolean);
}
