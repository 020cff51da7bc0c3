export * from "./promise-of";
export * from "./run-program";
export * from "./fix-examples";
export * from "./scratch-workspace";
export * from "./replan/replan";
export * from "./language-host/run-through-language-host";
export * from "./token-examples";
