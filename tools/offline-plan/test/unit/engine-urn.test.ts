import { engineUrn } from "../../src/child/engine-urn";
import { durationSeconds } from "@platform/policy-analyzer/durations";

describe("engineUrn", () => {
  it.each([
    [
      "leaves out the root stack as a parent",
      "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
      "aws:iam/role:Role",
      "urn:pulumi:dev::p::aws:iam/role:Role::r",
    ],
    [
      "prefixes a component parent's type",
      "urn:pulumi:dev::p::awsx:ecs:FargateService::svc",
      "aws:ecs/service:Service",
      "urn:pulumi:dev::p::awsx:ecs:FargateService$aws:ecs/service:Service::r",
    ],
    [
      "keeps the whole parent type chain",
      "urn:pulumi:dev::p::a:b:C$d:e:F::x",
      "g:h:I",
      "urn:pulumi:dev::p::a:b:C$d:e:F$g:h:I::r",
    ],
    ["has no prefix without a parent", "", "pulumi:pulumi:Stack", "urn:pulumi:dev::p::pulumi:pulumi:Stack::r"],
  ])("%s", (_, parent, type, expected) => {
    expect(engineUrn("dev", "p", parent, type, "r")).toBe(expected);
  });
});

describe("durationSeconds: custom timeouts as the engine parses them", () => {
  it.each([
    ["5m", 300],
    ["1h30m", 5400],
    ["90s", 90],
    ["1.5h", 5400],
    ["", 0],
  ])("%s is %d seconds", (text, seconds) => {
    expect(durationSeconds(text)).toBe(seconds);
  });
});
