import { parseChallenge } from "../src";

describe("parseChallenge, a registry's WWW-Authenticate header", () => {
  it("reads unquoted token values whole", () => {
    expect(parseChallenge("Bearer realm=https://ghcr.io/token,service=ghcr.io")).toEqual({
      scheme: "bearer",
      params: { realm: "https://ghcr.io/token", service: "ghcr.io" },
    });
  });

  it("unescapes a quoted value", () => {
    expect(parseChallenge('Basic realm="say \\"hi\\""')).toEqual({ scheme: "basic", params: { realm: 'say "hi"' } });
  });

  it("takes a scheme without parameters", () => {
    expect(parseChallenge("Bearer")).toEqual({ scheme: "bearer", params: {} });
  });

  it.each([null, "", ',Bearer realm="x"', 'Negotiate realm="x"'])(
    "finds no Basic or Bearer challenge in %j",
    (header) => {
      expect(parseChallenge(header)).toBeUndefined();
    },
  );
});
