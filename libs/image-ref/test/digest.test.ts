import { digestProblem, isValidDigest } from "../src";

describe("isValidDigest", () => {
  it.each([
    [`sha256:${"a".repeat(64)}`, true],
    [`sha384:${"b".repeat(96)}`, true],
    [`sha512:${"c".repeat(128)}`, true],
    [`sha256:${"a".repeat(63)}`, false],
    [`sha512:${"c".repeat(64)}`, false],
    [`sha256:${"A".repeat(64)}`, false],
    [`sha1:${"a".repeat(40)}`, false],
    [`sha256+b64:${"a".repeat(64)}`, false],
    ["a".repeat(64), false],
    ["", false],
  ])("for %s is %s", (digest, expected) => {
    expect(isValidDigest(digest)).toBe(expected);
  });

  it("explains what is wrong with an invalid digest", () => {
    expect(digestProblem(`sha512:${"c".repeat(64)}`)).toBe("a sha512 digest has 128 hex digits, got 64");
    expect(digestProblem(`sha256:${"a".repeat(64)}`)).toBeUndefined();
  });
});
