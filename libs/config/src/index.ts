export * from "./define";
export * from "./environment-of";
export * from "./environments";
export * from "./errors";
export * from "./fargate";
export * from "./source";
export * from "./stack-files";
