export * from "./aws-mocks";
export * from "./fake-ids";
export * from "./promise-of";
export * from "./run-program";
export * from "./transforms";
