export * from "./promise-of";
export * from "./run-program";
