import { type Tree, updateJson } from "@nx/devkit";
import { ENVIRONMENTS } from "@platform/config/environments";
import type { ListenerRule } from "@platform/config-files/listener-rules";
import type { ServiceSpec } from "./check-options";

/** The pack's config files, which list every service's listener rule for `listener-rules-distinct`. */
const packConfig = (env: string) => `policies/fargate-guard/config/${env}.json`;
const RULE = "listener-rules-distinct";

/**
 * Adds the new service's rule to `listener-rules-distinct` in each environment's pack config, where its generator
 * (policies/fargate-guard/scripts/generate-env-configs.ts) would put it, so every service stack is checked against
 * this one at once and the config does not drift from the stack files.
 */
export function addToPackConfigs(tree: Tree, spec: ServiceSpec): void {
  for (const env of ENVIRONMENTS) {
    if (!tree.exists(packConfig(env))) continue;
    updateJson<Record<string, unknown>>(tree, packConfig(env), (config) => {
      const current = config[RULE];
      const settings = typeof current === "object" && current !== null ? (current as Record<string, unknown>) : {};
      const level = typeof current === "string" ? { enforcementLevel: current } : {};
      const others = ((settings["services"] ?? []) as ListenerRule[]).filter((s) => s.project !== spec.name);
      const rule: ListenerRule = { project: spec.name, priority: spec.priority, paths: spec.paths, hosts: spec.hosts };
      const services = [...others, rule].sort((a, b) => (a.project < b.project ? -1 : a.project > b.project ? 1 : 0));
      // The generated file puts the rules with settings first: the allow-list, then this one.
      const { "private-image-credentials": allowList, [RULE]: _replaced, ...rest } = config;
      return {
        ...(allowList === undefined ? {} : { "private-image-credentials": allowList }),
        [RULE]: { ...level, ...settings, services },
        ...rest,
      };
    });
  }
}
