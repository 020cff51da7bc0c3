import { code } from "../lib/messages";
import { AWSX_SERVICES, ECS_SERVICE } from "../lib/resource-types";
import { defineResourceRule } from "../lib/rule";
import { field } from "../lib/props";

export const deploymentCircuitBreaker = defineResourceRule({
  name: "deployment-circuit-breaker",
  description: "Checks that an ECS service rolls back a failing deployment (circuit breaker with rollback).",
  cause:
    "An ECS service using the ECS deployment controller, deploying rolling or blue/green, has no " +
    "`deploymentCircuitBreaker`, or it is not `{ enable: true, rollback: true }`.",
  rationale:
    "Without the circuit breaker a deployment whose tasks never become healthy (a pull that fails for want of " +
    "credentials, say) keeps starting tasks forever; with rollback ECS returns to the last working revision.",
  notCovered:
    "Services deployed by CodeDeploy or an external controller, or with the `CANARY` or `LINEAR` strategy, which the " +
    "circuit breaker does not support (their rollback is the alarms'); CloudWatch alarm rollback; services of other " +
    "providers (`aws-native:ecs:Service`).",
  fix: "Set `deploymentCircuitBreaker: { enable: true, rollback: true }` on the service.",
  enforcementLevel: "advisory",
  resourceTypes: [ECS_SERVICE, ...AWSX_SERVICES],
  references: [
    "Amazon ECS developer guide: deployment circuit breaker",
    "Amazon ECS developer guide: Amazon ECS deployment failure detection (both methods support rolling and blue/green deployments only)",
  ],
  check({ props, report }) {
    const controller = field(props.deploymentController, "type");
    if (controller !== undefined && controller !== "ECS") return;
    // The setting is accepted and ignored under CANARY and LINEAR: asking for it there would be a fix that does nothing.
    const strategy = field(props.deploymentConfiguration, "strategy");
    if (strategy === "CANARY" || strategy === "LINEAR") return;
    const breaker = props.deploymentCircuitBreaker;
    if (breaker === undefined || breaker === null) {
      report(
        "The service has no `deploymentCircuitBreaker`: set `{ enable: true, rollback: true }` so a failing deployment rolls back.",
      );
      return;
    }
    const missing = (["enable", "rollback"] as const).filter((key) => field(breaker, key) !== true);
    if (missing.length > 0) {
      report(
        `\`deploymentCircuitBreaker\` has ${missing.map((key) => `${code(key)}: ${code(field(breaker, key) ?? "unset")}`).join(" and ")}: set both \`enable\` and \`rollback\` to true.`,
      );
    }
  },
});
