/**
 * The one home of what licences the workspace accepts in package-lock.json (test/lockfile-licenses.test.ts
 * fails on anything else). Each entry is an SPDX identifier; a package's expression passes when it
 * satisfies them (`MIT OR GPL-3.0` passes, `MIT AND GPL-3.0` does not).
 */
export const ALLOWED_LICENSES: readonly string[] = [
  // Permissive: use, change and ship with a notice.
  "MIT",
  "ISC",
  "Apache-2.0",
  "BSD-2-Clause",
  "BSD-3-Clause",
  "0BSD",
  "BlueOak-1.0.0",
  "Python-2.0",
  // Data rather than code (caniuse-lite's browser tables, SPDX's own lists): attribution only.
  "CC0-1.0",
  "CC-BY-3.0",
  "CC-BY-4.0",
];

/** A licence outside ALLOWED_LICENSES that is accepted for the packages it names, and why. */
export interface AcceptedException {
  /** Package names it covers: an exact name, or a scope prefix ending in `/`. */
  readonly packages: readonly string[];
  readonly license: string;
  readonly why: string;
}

export const ACCEPTED_EXCEPTIONS: readonly AcceptedException[] = [
  {
    packages: ["@cloud-copilot/"],
    license: "AGPL-3.0-or-later",
    why:
      "IAM evaluation for libs/iam and the policy pack; the README's Licence section says what it means for " +
      "the pack's publishers",
  },
];

/**
 * Packages whose manifest points at a file instead of naming an SPDX licence, with the licence that file
 * holds, read by hand at that exact version: another version must be read again.
 */
export const READ_FROM_LICENSE_FILE: Readonly<Record<string, string>> = {
  "@logdna/tail-file@2.2.0": "MIT",
};
