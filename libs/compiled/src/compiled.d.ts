import type { Plugin } from "esbuild";

/** Loads the module compiled from `source` (default index.ts), compiling it first when a source changed: a Promise then. */
export declare function runCompiled(packDir: string, source?: string): unknown;
/** The folder, inside `packDir`, where the compiled JavaScript is kept. */
export declare const OUT_DIR: string;
/** esbuild: `@platform/*` into the bundle, every other bare import external (its package name added to `names`). */
export declare function externalRegistryPackages(names?: Set<string>): Plugin;
