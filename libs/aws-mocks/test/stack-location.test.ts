import { stackLocation } from "../src/stack-location";

describe("the fake cloud's location for a stack", () => {
  it("is the stack file's region and the first allowed account", () => {
    const values = { "aws:region": "eu-central-1", "aws:allowedAccountIds": '["111111111111","222222222222"]' };
    expect(stackLocation(values)).toEqual({ region: "eu-central-1", accountId: "111111111111" });
  });

  it("leaves out what the stack file does not say, so the mocks' defaults apply", () => {
    expect(stackLocation({})).toEqual({});
    expect(stackLocation({ "aws:allowedAccountIds": "[]" })).toEqual({});
  });
});
