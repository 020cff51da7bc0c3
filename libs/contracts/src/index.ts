export * from "./outputs";
export * from "./read-stack";
export * from "./stacks";
export * from "./upstream";
