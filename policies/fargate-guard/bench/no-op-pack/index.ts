import { PolicyPack } from "@pulumi/policy";
import { packArgs } from "../../src/pack";

// fargate-guard's shape with none of its work: the same policies (names, levels, config schemas; its resource
// and stack policies) whose checks return at once. What @pulumi/policy itself costs for such a pack, beyond
// the protocol floor (empty-pack): above all, every stack policy gets its own deserialised copy of every resource.
new PolicyPack("no-op", {
  ...packArgs,
  policies: (packArgs.policies ?? []).map((policy) =>
    "validateStack" in policy ? { ...policy, validateStack: () => {} } : { ...policy, validateResource: () => {} },
  ),
});
