import type { Located, StackInputs } from "../stack-inputs";
import { type CheckResult, fail, pass } from "./result";

// The values this repository's stack files ship as examples. They look real, so a first deploy would carry
// them to AWS; the preflight refuses each one by file and key. A promotion replaces the example digest.
const EXAMPLE_ACCOUNT = /^(\d)\1{11}$|^123456789012$/;
const EXAMPLE_DIGESTS = new Set(["sha256:3b8f6a2d9c1e4f7a0b5d8e2c6f9a1b4d7e0c3f6a9b2d5e8c1f4a7b0d3e6f9a2c"]);
const EXAMPLE_CERTIFICATE_IDS = new Set(["6f0c3e1a-2b4d-4c8e-9a7f-1d2e3f4a5b6c"]);

/** Fails when a stack file still holds one of the example account IDs, the example digest or certificate. */
export function checkExampleValues(inputs: StackInputs): CheckResult {
  const found: { at: Located<unknown>; value: string; instead: string }[] = [];
  for (const at of inputs.allowedAccountIds) {
    for (const id of at.value.filter((v) => EXAMPLE_ACCOUNT.test(v))) {
      found.push({ at, value: id, instead: `the 12-digit ID of the AWS account for ${inputs.env}` });
    }
  }
  const { digest } = inputs.image.value;
  if (digest !== undefined && EXAMPLE_DIGESTS.has(digest)) {
    found.push({
      at: inputs.image,
      value: digest,
      instead: "your image's digest (npm run promote, or the digest your build pushed)",
    });
  }
  const certificate = inputs.certificateArn;
  if (certificate && EXAMPLE_CERTIFICATE_IDS.has(certificate.value.split("/").at(-1) ?? "")) {
    found.push({
      at: certificate,
      value: certificate.value,
      instead: "the ARN of an issued ACM certificate in this account and region",
    });
  }
  if (found.length === 0)
    return pass(
      "example values replaced",
      "no stack file holds the repository's example account IDs, digest or certificate",
    );
  const lines = found.map(({ at, value }) => `\`${at.key}\` in ${at.file} is the example value ${value}`);
  const fixes = found.map(({ at, instead }) => `edit ${at.file}: set \`${at.key}\` to ${instead}`);
  return fail("example values replaced", lines.join("; "), [...new Set(fixes)].join("; "));
}
