import { PolicyPack } from "@pulumi/policy";

// The protocol floor: a pack with no rules, started and fed exactly as fargate-guard is, so the
// benchmark can tell the pack's own work from what the analyzer protocol costs anyway.
new PolicyPack("empty", { enforcementLevel: "advisory", policies: [] });
