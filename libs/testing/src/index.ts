export * from "./promise-of";
export * from "./run-program";
export * from "./fix-examples";
export * from "./scratch-workspace";
