import type { Plugin } from "esbuild";

/** Loads the pack compiled from `source` (default index.ts), compiling it first when a source changed. */
export declare function runCompiled(packDir: string, source?: string): unknown;
/** The folder, inside the pack's, where its compiled JavaScript is kept. */
export declare const OUT_DIR: string;
/** esbuild: `@platform/*` into the bundle, every other bare import external (its package name added to `names`). */
export declare function externalRegistryPackages(names?: Set<string>): Plugin;
