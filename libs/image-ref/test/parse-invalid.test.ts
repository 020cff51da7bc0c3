import { ImageReferenceError, parseImageReference, tryParseImageReference } from "../src";

const hex64 = "0123456789abcdef".repeat(4);

describe("parseImageReference on invalid references", () => {
  it.each([
    ["", /empty/],
    [" ", /whitespace/],
    ["nginx ", /whitespace/],
    ["ghcr.io/acme/app :v1", /whitespace/],
    ["ghcr.io/acme/app\n", /whitespace/],
    ["ghcr.io/Acme/App:v1", /repository name "Acme\/App" must be lowercase \(try "acme\/app"\)/],
    ["acme/App", /must be lowercase/],
    ["MyRegistry/app", /upper-case letters, so Docker reads it as a registry host/],
    [`nginx@sha256:${hex64.slice(1)}`, /a sha256 digest has 64 hex digits, got 63/],
    [`nginx@sha256:${hex64}0`, /a sha256 digest has 64 hex digits, got 65/],
    [`nginx@sha256:${hex64.toUpperCase()}`, /must be lower-case/],
    [`nginx@md5:${hex64}`, /algorithm "md5" is not supported/],
    ["nginx@sha256:xyz", /not "<algorithm>:<hex>"/],
    ["nginx@latest", /not "<algorithm>:<hex>"/],
    [`nginx@sha256:${hex64}@sha256:${hex64}`, /more than one "@"/],
    ["nginx:", /tag "" is invalid/],
    ["nginx:-dev", /tag "-dev" is invalid/],
    ["nginx:a+b", /tag "a\+b" is invalid/],
    [`nginx:${"t".repeat(129)}`, /tag .* is invalid/],
    [":v1", /repository name is missing/],
    [`@sha256:${hex64}`, /repository name is missing/],
    ["ghcr.io/", /repository name "" is invalid/],
    ["ghcr.io//app", /repository name "\/app" is invalid/],
    ["ghcr.io/acme/app/", /is invalid/],
    ["ghcr.io/-acme/app", /is invalid/],
    ["ghcr.io/acme_/app", /is invalid/],
    ["ghcr.io/acme...x/app", /is invalid/],
    ["-bad.example.com/app", /registry host "-bad.example.com" is invalid/],
    ["example.com:port/app", /registry host "example.com:port" is invalid/],
    ["https://ghcr.io/acme/app:v1", /URL scheme/],
    [hex64, /bare 64-hex image ID/],
    [`ghcr.io/${"a".repeat(256)}`, /256 characters long; at most 255/],
    ["x".repeat(1025), /at most 1024/],
  ])("rejects %j", (input, reason) => {
    expect(() => parseImageReference(input)).toThrow(ImageReferenceError);
    expect(() => parseImageReference(input)).toThrow(reason);
  });

  it("puts the input and the reason on the error", () => {
    let caught: unknown;
    try {
      parseImageReference("ghcr.io/Acme/app");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImageReferenceError);
    const error = caught as ImageReferenceError;
    expect(error.input).toBe("ghcr.io/Acme/app");
    expect(error.reason).toMatch(/must be lowercase/);
    expect(error.message).toBe(`Invalid image reference "ghcr.io/Acme/app": ${error.reason}`);
  });

  it.each([
    "robot:ghp_0123456789abcdefghijABCDEFGHIJ@ghcr.io/acme/app:1.0",
    "robot@ghcr.io/acme/app:1.0",
    "https://robot:hunter2-pass@ghcr.io/acme/app:1.0",
    "robot:pass word@ghcr.io/acme/app:1.0",
  ])("rejects credentials before the host without repeating them: %s", (input) => {
    const result = tryParseImageReference(input);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/starts with credentials/) as unknown });
    const message = result.ok ? "" : result.error;
    expect(message).toContain('"<credentials, not shown>@ghcr.io/acme/app:1.0"');
    expect(message).not.toMatch(/robot|ghp_|hunter2|pass word/);
  });

  it("rejects a value that is not a string, as untyped config may pass one", () => {
    expect(() => parseImageReference(42 as unknown as string)).toThrow(/expected a string, got number/);
    expect(() => parseImageReference(null as unknown as string)).toThrow(/got null/);
  });

  it("rejects hostile input in linear time, where a backtracking port of the grammar takes seconds", () => {
    const started = Date.now();
    for (const input of [
      "a".repeat(1000) + "!",
      `${"a-".repeat(400)}!`,
      `${"a.".repeat(400)}a/!`,
      `${"a".repeat(500)}:${"1".repeat(500)}`,
    ]) {
      expect(tryParseImageReference(input).ok).toBe(false);
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("tryParseImageReference", () => {
  it("returns the parsed value when the reference is valid", () => {
    expect(tryParseImageReference("nginx:1")).toEqual({
      ok: true,
      value: {
        original: "nginx:1",
        host: "docker.io",
        repository: "library/nginx",
        tag: "1",
        canonical: "docker.io/library/nginx:1",
      },
    });
  });

  it("returns the error message instead of throwing when it is not", () => {
    expect(tryParseImageReference("ghcr.io/Acme/app")).toEqual({
      ok: false,
      error:
        'Invalid image reference "ghcr.io/Acme/app": repository name "Acme/app" must be lowercase (try "acme/app")',
    });
  });
});
