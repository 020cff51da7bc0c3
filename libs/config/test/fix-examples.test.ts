// Every `Fix:` the schemas print is applied to the stack's real config and the config is checked again:
// the fixed key must then pass, in the environment the Fix was printed for.
import * as path from "node:path";
import { parse } from "yaml";
import {
  ConfigError,
  environmentDefaults,
  readStackConfig,
  staticConfigSource,
  type ConfigSource,
  type Environment,
} from "../src";
// The schemas live with their projects; this test applies every Fix they print, across all three.
import { networkingConfig } from "../../../projects/networking/src/config";
import { registryAccessConfig } from "../../../projects/registry-access/src/config";
import { serviceConfig } from "../../../projects/service/src/config";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const SCHEMAS: Record<string, (source: ConfigSource) => unknown> = {
  networking: networkingConfig,
  "registry-access": registryAccessConfig,
  service: serviceConfig,
};

/** A bad value for each key, and for the cross-checks between keys. */
const BREAKAGES: Record<string, Record<string, string>[]> = {
  networking: [
    { "networking:vpcCidr": "10.0.0.0/8" },
    { "networking:availabilityZones": "1" },
    { "networking:natGateways": "many" },
    { "networking:servicePort": "70000" },
    { "networking:healthCheckPath": "actuator" },
    { "networking:certificateArn": "arn:aws:acm:eu-central-1:1:certificate/x" },
    { "networking:deregistrationDelaySeconds": "-1" },
    { "networking:healtCheckPath": "/x" },
    { "networkng:servicePort": "8098" },
  ],
  "registry-access": [
    { "registry-access:registries": "[]" },
    { "registry-access:customerManagedKey": "yes" },
    { "registry-access:recoveryWindowInDays": "3" },
    { "registry-access:recoveryWindow": "7" },
  ],
  service: [
    { "service:image": "ghcr.io/Acme/App:1.0" },
    { "service:cpu": "300" },
    { "service:memory": "777" },
    { "service:containerMemory": "4096" },
    { "service:desiredCount": "5000" },
    { "service:desiredCount": "0" },
    { "service:autoscaling": '{"minCapacity":5,"maxCapacity":2,"cpuTargetPercent":50}' },
    { "service:logRetentionDays": "8" },
    { "service:requireDigest": "maybe" },
    { "service:healthCheckGracePeriodSeconds": "-3" },
    { "service:org": "not an org!" },
    { "service:desiredcount": "<the environment's default>" },
    { "servce:cpu": "512" },
  ],
};

function applyFix(values: Record<string, string>, fix: string): void {
  const set = /^pulumi config set (\S+) (\S+) --stack \S+$/.exec(fix);
  if (set) return void (values[set[1]!] = set[2]!);
  const edit = /^set `([^`]+)` in \S+, e\.g\. (.+)$/.exec(fix);
  if (edit) return void (values[edit[1]!] = JSON.stringify(parse(edit[2]!)));
  const rename = /^rename `([^`]+)` to `([^`]+)` in /.exec(fix);
  if (rename) {
    values[rename[2]!] = values[rename[1]!]!;
    return void delete values[rename[1]!];
  }
  const remove = /^remove `([^`]+)` from /.exec(fix);
  if (remove) return void delete values[remove[1]!];
  throw new Error(`a Fix the test cannot apply, so a user could not either: ${fix}`);
}

const problemsOf = (project: string, env: string, values: Record<string, string>) => {
  try {
    SCHEMAS[project]!(staticConfigSource(env, values));
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
};

const cases = Object.entries(BREAKAGES).flatMap(([project, breakages]) =>
  (["dev", "staging", "prod"] as const).flatMap((env) =>
    breakages.map((breakage) => [project, env, breakage] as const),
  ),
);

it.each(cases)("applies the Fix printed for %s/%s with %j, and the key then passes", (project, env, breakage) => {
  const values: Record<string, string> = { ...readStackConfig(path.join(ROOT, "projects", project), env).values };
  expect(problemsOf(project, env, values)).toEqual([]);
  // A misspelt key carries a value that is right for the environment: only the spelling is wrong.
  const envDefault = String(environmentDefaults(env as Environment).desiredCount);
  Object.assign(
    values,
    Object.fromEntries(
      Object.entries(breakage).map(([k, v]) => [k, v === "<the environment's default>" ? envDefault : v]),
    ),
  );
  const issues = problemsOf(project, env, values);
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) applyFix(values, issue.fix);
  expect(problemsOf(project, env, values)).toEqual([]);
});
