export * from "./config";
export * from "./credentials";
export * from "./ignore-desired-count";
export * from "./program";
export * from "./routing";
export * from "./service";
export * from "./upstream";
