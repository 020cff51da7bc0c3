import { pullThroughCachePolicy, pullThroughPrefixOf } from "../src";

describe("pullThroughPrefixOf", () => {
  it.each([
    ["arn:aws:ecr:eu-central-1:111111111111:repository/ghcr-dev/*", "ghcr-dev"],
    ["arn:aws:ecr:eu-central-1:111111111111:repository/team/ghcr/*", "team/ghcr"],
    ["arn:aws:ecr:eu-central-1:111111111111:repository/*", undefined],
    ["arn:aws:ecr:eu-central-1:111111111111:repository/gh*/*", undefined],
    ["arn:aws:ecr:eu-central-1:111111111111:repository/ghcr-dev/app", undefined],
    ["arn:aws:ecr:*:111111111111:repository/ghcr-dev/*", undefined],
    ["arn:aws:ecr:eu-central-1:*:repository/ghcr-dev/*", undefined],
    ["arn:aws-cn:ecr:eu-central-1:111111111111:repository/ghcr-dev/*", undefined],
    ["*", undefined],
  ])("reads %s as the repositories of prefix %s", (arn, prefix) => {
    expect(pullThroughPrefixOf(arn)).toBe(prefix);
  });
});

it("refuses to grant the import on anything but one prefix's repositories", () => {
  expect(() => pullThroughCachePolicy(["arn:aws:ecr:eu-central-1:111111111111:repository/*"])).toThrow(
    'pullThroughCachePolicy: "arn:aws:ecr:eu-central-1:111111111111:repository/*" is not the repositories of one cache prefix',
  );
});
