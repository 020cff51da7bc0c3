import { z } from "zod";
import { code } from "../lib/messages";
import { AWSX_FARGATE_SERVICE, ECS_SERVICE } from "../lib/resource-types";
import { defineResourceRule } from "../lib/rule";

const VERSION = /^\d+\.\d+\.\d+$/;

/** Compares two `major.minor.patch` versions numerically: negative, zero or positive. */
function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

export const fargatePlatformVersion = defineResourceRule({
  name: "fargate-platform-version",
  description: "Checks that a Fargate service runs on the `LATEST` platform version or a recent one.",
  cause:
    "An ECS service sets `platformVersion` to neither `LATEST` nor a version at or above `minimumVersion` (default " +
    "`1.4.0`). An unset `platformVersion` is `LATEST`.",
  rationale:
    "A pinned platform version keeps the tasks on the kernel and runtime it shipped with, after AWS has patched " +
    "newer ones; versions before 1.4.0 also lack EFS volumes and configurable ephemeral storage.",
  notCovered:
    "Windows platform versions; services of other providers (`aws-native:ecs:Service`); when AWS retires a version.",
  fix: "Remove `platformVersion` (Fargate then runs `LATEST`), or set it to `LATEST`.",
  enforcementLevel: "advisory",
  resourceTypes: [ECS_SERVICE, AWSX_FARGATE_SERVICE],
  references: [
    "Checkov CKV_AWS_332",
    "AWS Config ecs-fargate-latest-platform-version",
    "AWS Control Tower CT.ECS.PR.1",
  ],
  options: {
    minimumVersion: z
      .string()
      .regex(VERSION, "a platform version such as 1.4.0")
      .default("1.4.0")
      .describe("The oldest pinned platform version accepted"),
  },
  check({ props, config, report }) {
    const version: unknown = props.platformVersion;
    if (version === undefined || version === null || version === "LATEST") return;
    if (typeof version === "string" && VERSION.test(version) && compareVersions(version, config.minimumVersion) >= 0) {
      return;
    }
    report(
      `\`platformVersion\` is ${code(version)}, older than ${code(config.minimumVersion)} or not a version: remove it so ` +
        'Fargate runs `LATEST`, or set it to "LATEST".',
    );
  },
});
