import { parsePlanArgs } from "../../src/args";

describe("--pack-start", () => {
  it("starts packs as the Pulumi CLI does unless told otherwise", () => {
    expect(parsePlanArgs([]).packStart).toBe("cli");
    expect(parsePlanArgs(["--pack-start", "tsx"]).packStart).toBe("tsx");
  });

  it("refuses any other start, naming the value and the two that exist", () => {
    expect(() => parsePlanArgs(["--pack-start", "ts-node"])).toThrow(
      "`--pack-start ts-node` is not a way to start a policy pack: use `cli` (as the Pulumi CLI starts it, the " +
        "default) or `tsx` (without the type-check).",
    );
  });
});
