import { startInProcessPack } from "../support/in-process";
import { kmsKey } from "../support/fixtures-iam";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "kms-key-rotation";

describe("kms-key-rotation", () => {
  it("accepts a rotating key, and asymmetric keys that cannot rotate", async () => {
    expect(summarize(await pack.analyze(kmsKey()))).toEqual([]);
    expect(
      summarize(
        await pack.analyze(
          kmsKey({ enableKeyRotation: undefined, customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }),
        ),
      ),
    ).toEqual([]);
  });

  it.each([
    ["unset", undefined, "`unset`"],
    ["false", false, "`false`"],
  ])("rejects a symmetric key with rotation %s", async (_label, enableKeyRotation, shown) => {
    const finding = onlyFinding(await pack.analyze(kmsKey({ enableKeyRotation })), rule);
    expect(finding.enforcementLevel).toBe("advisory"); // built in; config/<env>.json raises it
    expect(finding.detail).toBe(`The key has \`enableKeyRotation\` ${shown}: set it to true.`);
  });
});
