import * as pulumi from "@pulumi/pulumi";
import type { ServiceConfig } from "./config";
import { createAutoscaling } from "./autoscaling";
import { createCluster } from "./cluster";
import { createDeploymentAlarms } from "./deployment-alarms";
import { imagePull } from "./credentials";
import { createFargateService } from "./fargate-service";
import { childOptions, packagedPlacement } from "./former-names";
import { createLogGroup } from "./log-group";
import { createRouting } from "./routing";
import { createTaskRole } from "./task-role";
import { createTrafficRole } from "./traffic-role";
import type { Upstream } from "./upstream";

export interface ServiceArgs {
  /** The service's settings, with the environment's defaults applied (`serviceConfig` reads them from a stack file). */
  readonly config: ServiceConfig;
  /** The networking and registry-access outputs of the same environment (`readUpstream`). */
  readonly upstream: Upstream;
  /** The stack file the settings come from, for messages. @default `Pulumi.<env>.yaml` */
  readonly stackFile?: string;
}

/** The component's type token, as the engine and the policy pack see it. */
export const SERVICE_TYPE = "platform:service:Service";

/**
 * One Fargate service: its cluster, log group, task role, target group (two, and the role ECS shifts traffic with, for a
 * blue/green service), rule on the shared listener, the awsx FargateService (at the stack's top level in a stack deployed before: `packagedPlacement`) and its autoscaling.
 * Its children are named after the service and the environment (`<service>-<env>`), so the services of one account
 * never collide. The image's pull (its registry's credentials, or ECR's pull-through cache) is resolved before any child is
 * declared: a private registry without credentials fails here, not in ECS.
 */
export class FargateServiceComponent extends pulumi.ComponentResource {
  readonly clusterName: pulumi.Output<string>;
  readonly serviceName: pulumi.Output<string>;
  readonly targetGroupArn: pulumi.Output<string>;
  readonly listenerRuleArn: pulumi.Output<string>;

  constructor(name: string, args: ServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    const { config, upstream } = args;
    const pull = imagePull(config, upstream, args.stackFile ?? `Pulumi.${config.env}.yaml`);
    super(SERVICE_TYPE, name, {}, opts);
    // A child that existed before services were components keeps its former identity (former-names.ts).
    const child = childOptions(this, name, config.formerName);
    const { networking } = upstream;
    const blueGreen = config.deployment.strategy === "blue-green" ? config.deployment : undefined;

    const cluster = createCluster(name, child(name));
    const logGroup = createLogGroup(name, config, child(name));
    const taskRole = createTaskRole(`${name}-task`, child(`${name}-task`));
    const routing = createRouting(
      name,
      {
        vpcId: networking.vpcId,
        listenerArn: networking.listenerArn,
        port: networking.servicePort,
        healthCheckPath: config.healthCheckPath,
        deregistrationDelaySeconds: config.deregistrationDelaySeconds,
        routing: config.routing,
        ...(config.formerTargetGroupArn ? { formerTargetGroupArn: config.formerTargetGroupArn } : {}),
        alternateGroup: blueGreen !== undefined,
      },
      { parent: this }, // new with the component: nothing to keep
    );
    const alternate = routing.alternateTargetGroup;
    const alarms = config.deploymentAlarms
      ? createDeploymentAlarms(
          name,
          {
            albArn: networking.albArn,
            targetGroup: routing.targetGroup,
            ...(alternate ? { alternateTargetGroup: alternate } : {}),
          },
          { parent: this },
        )
      : [];
    const traffic =
      blueGreen && alternate
        ? createTrafficRole(
            `${name}-traffic`,
            {
              listenerRuleArn: routing.listenerRule.arn,
              targetGroupArns: [routing.targetGroup.arn, alternate.arn],
            },
            { parent: this },
          )
        : undefined;
    const fargate = packagedPlacement(this, name, config.formerName);
    const service = createFargateService(
      fargate.name,
      {
        config,
        networking,
        clusterArn: cluster.arn,
        targetGroupArns: [
          ...(config.formerTargetGroupArn ? [config.formerTargetGroupArn] : []),
          routing.targetGroup.arn,
        ],
        executionRoleArn: upstream.registryAccess.executionRoleArn,
        taskRoleArn: taskRole.arn,
        logGroupName: logGroup.name,
        alarmNames: alarms.map((alarm) => alarm.name),
        pull,
        ...(blueGreen && alternate && traffic
          ? {
              blueGreen: {
                alternateTargetGroupArn: alternate.arn,
                productionListenerRuleArn: routing.listenerRule.arn,
                roleArn: traffic.role.arn,
                bakeTimeInMinutes: blueGreen.bakeTimeInMinutes,
              },
            }
          : {}),
      },
      // The rule must exist before ECS registers tasks with the target group (an unattached group is refused), and
      // ECS checks at once that its traffic role may shift the rule.
      { ...fargate.opts, dependsOn: [routing.listenerRule, ...(traffic ? [traffic.policy] : [])] },
    );
    this.clusterName = cluster.name;
    this.serviceName = service.service.apply((s) => s.name);
    this.targetGroupArn = routing.targetGroup.arn;
    this.listenerRuleArn = routing.listenerRule.arn;
    createAutoscaling(`${name}-scaling`, config, cluster.name, this.serviceName, child);
    this.registerOutputs({
      clusterName: this.clusterName,
      serviceName: this.serviceName,
      targetGroupArn: this.targetGroupArn,
      listenerRuleArn: this.listenerRuleArn,
    });
  }
}
