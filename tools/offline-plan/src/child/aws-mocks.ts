// The one place the runner takes its fake AWS from: the same mocks the program tests use.
export { acceptTransforms, awsMocks } from "@platform/testing";
