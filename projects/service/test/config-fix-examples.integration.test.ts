// Every `Fix:` this project's config schema prints, applied and checked again (see @platform/testing).
import * as path from "node:path";
import { SERVICE_UPSTREAMS } from "@platform/contracts";
import { itAppliesEveryFix } from "@platform/testing";
import { serviceConfig } from "@platform/service-component";

const projectDir = path.resolve(__dirname, "..");
const upstreamProjectDirs = SERVICE_UPSTREAMS.map((project) => path.resolve(projectDir, "..", project));

itAppliesEveryFix(
  projectDir,
  (source) => serviceConfig(source, "service"),
  [
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
    { "service:healthCheckPath": "actuator" },
    { "service:deregistrationDelaySeconds": "-1" },
    { "service:user": "root" },
    { "service:writablePaths": '["tmp/"]' },
    { "service:deployment": '{"strategy":"canary"}' },
    { "service:listenerPriority": "0" },
    { "service:paths": '["shop"]' },
    { "service:hosts": '["Shop.Example.com"]' },
    { "service:desiredcount": "<the environment's default>" },
    { "servce:cpu": "512" },
  ],
  { upstreamProjectDirs },
);
