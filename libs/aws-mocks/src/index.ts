export * from "./aws-mocks";
export * from "./call-results";
export * from "./fake-ids";
export * from "./resource-builders";
export * from "./transforms";
export * from "./aliases";
export * from "./stack-location";
export * from "./mocked-run";
