import type { PolicyPackArgs } from "@pulumi/policy";
import { allRules } from "./rules";

/** The pack's name: what `pulumi preview --policy-pack` reports and config files belong to. */
export const packName = "fargate-guard";

/** Everything index.ts passes to `new PolicyPack`; the test support serves the same args. */
export const packArgs: PolicyPackArgs = {
  description:
    "Private-registry Fargate services: registry credentials, least-privilege secret access, and the ECS/ALB baseline.",
  enforcementLevel: "advisory",
  policies: [...allRules],
};
