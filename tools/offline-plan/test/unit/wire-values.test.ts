import {
  analyzerValue,
  OUTPUT_SIG,
  RESOURCE_SIG,
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN_SENTINEL,
} from "@platform/policy-analyzer/wire-values";
import { plainValue, secretOutputNames } from "../../src/wire-values";

const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });
const customRef = {
  [SIG_KEY]: RESOURCE_SIG,
  urn: "urn:pulumi:dev::p::aws:iam/role:Role::r",
  id: "r-123",
  packageVersion: "",
};
const componentRef = { [SIG_KEY]: RESOURCE_SIG, urn: "urn:pulumi:dev::p::my:index:Thing::t", packageVersion: "" };

describe("analyzerValue: properties as the engine marshals them for analyzers", () => {
  it.each([
    ["keeps plain values", { a: 1, b: ["x", true, null] }, { a: 1, b: ["x", true, null] }],
    ["keeps secrets as secrets", { token: secret("s3cr3t") }, { token: secret("s3cr3t") }],
    ["keeps unknowns as the unknown sentinel", { arn: UNKNOWN_SENTINEL }, { arn: UNKNOWN_SENTINEL }],
    ["turns a custom resource reference into its ID", { role: customRef }, { role: "r-123" }],
    [
      "turns a component reference into its URN",
      { thing: componentRef },
      { thing: "urn:pulumi:dev::p::my:index:Thing::t" },
    ],
    ["unwraps a known output value", { v: { [SIG_KEY]: OUTPUT_SIG, value: "x" } }, { v: "x" }],
    [
      "marks a secret output value secret",
      { v: { [SIG_KEY]: OUTPUT_SIG, value: "x", secret: true } },
      { v: secret("x") },
    ],
    [
      "turns an output value without a value into an unknown",
      { v: { [SIG_KEY]: OUTPUT_SIG } },
      { v: UNKNOWN_SENTINEL },
    ],
    ["drops internal `__` keys", { __defaults: ["a"], a: 1 }, { a: 1 }],
  ])("%s", (_, input, expected) => {
    expect(analyzerValue(input)).toEqual(expected);
  });
});

describe("plainValue: outputs as a StackReference consumer reads them", () => {
  it.each([
    ["unwraps secrets", { a: secret({ b: 1 }) }, { a: { b: 1 } }],
    ["turns resource references into URNs", [customRef], ["urn:pulumi:dev::p::aws:iam/role:Role::r"]],
    ["keeps unknowns", { a: UNKNOWN_SENTINEL }, { a: UNKNOWN_SENTINEL }],
  ])("%s", (_, input, expected) => {
    expect(plainValue(input)).toEqual(expected);
  });
});

describe("secretOutputNames: a StackReference's secretOutputNames state, as the engine fills it", () => {
  it("names the top-level outputs that are secret, however the protocol marks them", () => {
    const outputs = {
      plain: "x",
      token: secret("s3cr3t"),
      wrapped: { [SIG_KEY]: OUTPUT_SIG, value: "y", secret: true },
      nested: { a: secret(1) },
    };
    expect(secretOutputNames(outputs)).toEqual(["token", "wrapped"]);
  });
});
