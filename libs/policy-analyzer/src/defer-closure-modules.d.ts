import type { createRequire } from "node:module";

/** Modules @pulumi/pulumi requires at load time only for closure serialization. */
export declare const CLOSURE_MODULES: readonly string[];
/** Puts each of CLOSURE_MODULES in Node's module cache as a stand-in that loads it on first use. */
export declare function deferClosureModules(fromRequire: ReturnType<typeof createRequire>, sdk: string): void;
/** A module's exports that `load` only on first use. */
export declare function lazyModule<T extends object>(load: () => T): T;
