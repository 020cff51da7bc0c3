// Loads a program's entry module as the CLI's Node.js language host does (@pulumi/pulumi cmd/run/run.ts):
// required as CommonJS, or imported as an ES module when its package.json says `"type": "module"`, so code that
// Node refuses in one module system is refused here too.
import { existsSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { packageRootOf } from "../entry-point";

/** The module system Node gives the program's own files: the `type` of the nearest package.json. */
export function moduleSystemOf(projectDir: string): "module" | "commonjs" {
  for (let dir = path.resolve(projectDir); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) {
      const { type } = JSON.parse(readFileSync(manifest, "utf8")) as { type?: unknown };
      return type === "module" ? "module" : "commonjs";
    }
    if (path.dirname(dir) === dir) return "commonjs";
  }
}

/** The program's exports, or what its exported function returns, as the language host hands them to the stack. */
export async function loadProgram(entry: string, system: "module" | "commonjs", childDir: string): Promise<unknown> {
  const exported = system === "module" ? await importModule(entry, childDir) : requireModule(entry);
  return exported instanceof Function ? (exported as () => unknown)() : exported;
}

function requireModule(entry: string): unknown {
  // A directory is required as a package.
  const target = statSync(entry).isDirectory() ? entry + path.sep : entry;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program is loaded as CommonJS, as the language host loads it
  return require(target);
}

/** The language host's own way: `import()` kept from the compiler by an indirect eval, default export preferred. */
async function importModule(entry: string, childDir: string): Promise<unknown> {
  const dynamicImport = (0, eval)("(u) => import(u)") as (url: string) => Promise<Record<string, unknown>>;
  // tsx's ESM hooks, so TypeScript files load through `import` (its CommonJS hook serves `require` only).
  await dynamicImport(pathToFileURL(path.join(childDir, "register-tsx-esm.mjs")).href);
  const file = statSync(entry).isDirectory() ? directoryEntry(entry) : entry;
  const namespace = await dynamicImport(pathToFileURL(file).href);
  if (Object.getOwnPropertyDescriptor(namespace, "default") === undefined) return namespace;
  if (Object.keys(namespace).length !== 1)
    throw new Error("expected entrypoint module to have either a default export or named exports but not both");
  return namespace.default;
}

/** As the language host resolves a directory entry of an ES module program. */
function directoryEntry(dir: string): string {
  const index = ["index.js", "index.mjs", "index.ts", "index.mts"].find((name) => existsSync(path.join(dir, name)));
  if (index === undefined) throw new Error(`No entrypoint found in ${dir}`);
  return path.join(dir, index);
}

/**
 * Node's "Cannot find package / module" as one line, without the require stack (its last entries are the plan's
 * own files): the package, where the program asked for it, and the folder to install in, the program's package
 * root, whose node_modules both `require` and `import` search. `import` never reads NODE_PATH, so an ES module
 * program cannot borrow this workspace's packages as a CommonJS one does.
 */
export function missingPackage(error: unknown, projectDir: string): string | undefined {
  const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return undefined;
  const name = /Cannot find (?:package|module) '([^']+)'/.exec(message)?.[1];
  if (name === undefined || name.startsWith(".") || path.isAbsolute(name)) return undefined;
  // The importer: ESM says "imported from <file>", CommonJS lists the require stack, importer first.
  const importer = /imported from (\S+)/.exec(message)?.[1] ?? /Require stack:\n- (.+)/.exec(message)?.[1];
  const from = importer?.replace(/^file:\/\//, "");
  const at = from?.startsWith(projectDir + path.sep) ? ` (imported by ${path.relative(projectDir, from)})` : "";
  const root = packageRootOf(projectDir) ?? projectDir;
  const esm = moduleSystemOf(projectDir) === "module";
  return (
    `The program needs the package \`${name
      .split("/")
      .slice(0, name.startsWith("@") ? 2 : 1)
      .join("/")}\`${at}, ` +
    `which is not installed ${esm ? "for it (an ES module finds packages only in node_modules at or above its own folder)" : "for it or in this workspace"}. ` +
    `Fix: run \`npm install\` in ${root}.`
  );
}
