import { code } from "../lib/messages";
import { field } from "../lib/props";
import { AWSX_SERVICES, ECS_SERVICE } from "../lib/resource-types";
import { defineResourceRule } from "../lib/rule";

export const deploymentAlarmRollback = defineResourceRule({
  name: "deployment-alarm-rollback",
  description: "Checks that an ECS service rolls a deployment back when one of its CloudWatch alarms goes off.",
  cause:
    "An ECS service using the ECS deployment controller has no `alarms`, or its `alarms` is not " +
    "`{ enable: true, rollback: true }` with at least one name in `alarmNames`.",
  rationale:
    "The circuit breaker catches tasks that never become healthy. An image that starts, passes its health check and " +
    "then answers 5xx is caught only by an alarm on what the load balancer sees; with rollback, ECS returns to the " +
    "last working revision while the deployment is still in progress.",
  notCovered:
    "What the alarms measure and their thresholds; services deployed by CodeDeploy or an external controller; services of other providers (`aws-native:ecs:Service`).",
  fix:
    "Create CloudWatch alarms on the service's target group (5xx count, unhealthy hosts) and set " +
    "`alarms: { alarmNames: [<their names>], enable: true, rollback: true }` on the service.",
  enforcementLevel: "advisory",
  resourceTypes: [ECS_SERVICE, ...AWSX_SERVICES],
  references: ["Amazon ECS developer guide: CloudWatch alarms for deployment failure detection"],
  check({ props, report }) {
    const controller = field(props.deploymentController, "type");
    if (controller !== undefined && controller !== "ECS") return;
    const alarms = props.alarms;
    if (alarms === undefined || alarms === null) {
      report(
        "The service has no `alarms`: a deployment that starts but fails its users is not rolled back. Set " +
          "`alarms: { alarmNames: [...], enable: true, rollback: true }` with alarms on its target group.",
      );
      return;
    }
    const off = (["enable", "rollback"] as const).filter((key) => field(alarms, key) !== true);
    if (off.length > 0) {
      report(
        `\`alarms\` has ${off.map((key) => `${code(key)}: ${code(field(alarms, key) ?? "unset")}`).join(" and ")}: ` +
          "set both `enable` and `rollback` to true.",
      );
    }
    const names: unknown = field(alarms, "alarmNames");
    if (!Array.isArray(names) || names.length === 0) {
      report("`alarms.alarmNames` is empty: name the alarms that should roll a deployment back.");
    }
  },
});
