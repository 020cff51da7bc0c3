import { code } from "../lib/messages";
import { AWSX_APPLICATION_LOAD_BALANCER, elbTypes, isElbType } from "../lib/resource-types";
import { defineResourceRule } from "../lib/rule";
import { field } from "../lib/props";

export const targetGroupHealthCheck = defineResourceRule({
  name: "target-group-health-check",
  description: "Checks that every target group declares its health check instead of taking the defaults.",
  cause:
    "An `aws:lb`/`aws:alb` target group (or an awsx ApplicationLoadBalancer's `defaultTargetGroup`) other than a " +
    "Lambda target group has no `healthCheck`, disables it, or checks HTTP/HTTPS without a `path`.",
  rationale:
    "The default check asks `/` for a 200 every 30 s and needs 5 successes: a Spring Boot service without a `/` " +
    "handler never turns healthy, and a healthy one waits minutes. Naming the path (e.g. /actuator/health) and timings makes deploys honest and quick.",
  notCovered:
    "Whether the path answers healthy (only that it is named); target groups of other providers (`aws-native:elasticloadbalancingv2:TargetGroup`).",
  fix:
    'Set `healthCheck: { enabled: true, path: "<the application\'s health path>", matcher: "200", interval: 15, ' +
    "healthyThreshold: 2 }`, with timings tuned to how fast the application starts.",
  enforcementLevel: "advisory",
  resourceTypes: [...elbTypes("targetGroup"), AWSX_APPLICATION_LOAD_BALANCER],
  references: ["Checkov CKV_AWS_261"],
  check({ type, props, report }) {
    if (isElbType(type, "targetGroup")) {
      checkTargetGroup(props, "The target group", report);
      return;
    }
    if (props.defaultTargetGroup) checkTargetGroup(props.defaultTargetGroup, "`defaultTargetGroup`", report);
  },
});

function checkTargetGroup(group: unknown, label: string, report: (message: string) => void): void {
  if (field(group, "targetType") === "lambda") return;
  const healthCheck = field(group, "healthCheck");
  if (healthCheck === undefined || healthCheck === null) {
    report(`${label} has no \`healthCheck\`, so it probes the defaults: declare one with the service's health path.`);
    return;
  }
  if (field(healthCheck, "enabled") === false) {
    report(`${label} disables its health check: enable it, or unhealthy targets keep receiving traffic.`);
    return;
  }
  const protocol: unknown = field(healthCheck, "protocol") ?? field(group, "protocol") ?? "HTTP";
  const path = field(healthCheck, "path");
  if ((protocol === "HTTP" || protocol === "HTTPS") && (typeof path !== "string" || path === "")) {
    report(
      `${label} checks health over ${code(protocol)} without a \`healthCheck.path\`: name the application's health endpoint (e.g. /health, or /actuator/health for Spring Boot).`,
    );
  }
}
