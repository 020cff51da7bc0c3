import { code } from "../lib/messages";
import { KMS_KEY } from "../lib/resource-types";
import { defineResourceRule } from "../lib/rule";

export const kmsKeyRotation = defineResourceRule({
  name: "kms-key-rotation",
  description: "Checks that customer-managed symmetric KMS keys rotate their key material.",
  cause:
    "An `aws:kms/key:Key` with the SYMMETRIC_DEFAULT key spec, outside a custom key store, does not set `enableKeyRotation: true`.",
  rationale:
    "Rotation limits how much data one key version protects and is what auditors (and CIS) expect of keys that encrypt credentials.",
  notCovered:
    "Asymmetric and HMAC keys and keys in custom key stores (KMS rotates none of them); key policies; keys of other providers (`aws-native:kms:Key`).",
  fix: "Set `enableKeyRotation: true` (optionally `rotationPeriodInDays`).",
  enforcementLevel: "advisory",
  resourceTypes: [KMS_KEY],
  references: ["AWSGuard cmk-backing-key-rotation-enabled", "cdk-nag AwsSolutions-KMS5", "Checkov CKV_AWS_7"],
  check({ props, report }) {
    // Automatic rotation exists only for symmetric keys outside custom key stores (KMS "Rotate AWS KMS keys").
    const spec: unknown = props.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
    if (spec !== "SYMMETRIC_DEFAULT" || props.customKeyStoreId) return;
    if (props.enableKeyRotation !== true) {
      report(`The key has \`enableKeyRotation\` ${code(props.enableKeyRotation ?? "unset")}: set it to true.`);
    }
  },
});
