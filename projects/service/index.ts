import { type ServiceOutputs, type StackExports } from "@platform/contracts";
import { pulumiConfigSource, serviceConfig } from "@platform/config";
import { credentialsFor } from "./credentials";
import { createFargateService } from "./fargate-service";
import { createAutoscaling, createCluster, createLogGroup, createTaskRole } from "./supporting";
import { readUpstream } from "./upstream";
import { requireCurrentSecretValue } from "./src/secret-has-value";

async function main() {
  const source = pulumiConfigSource();
  const config = serviceConfig(source);
  const upstream = await readUpstream(config);
  const credentialsSecretArn = credentialsFor(config, upstream, source.stackFile);
  if (credentialsSecretArn) await requireCurrentSecretValue(credentialsSecretArn, config.image.host, upstream.registryAccessStack);
  const name = `app-${config.env}`;

  const cluster = createCluster(name);
  const logGroup = createLogGroup(name, config);
  const taskRole = createTaskRole(`${name}-task`);
  const service = createFargateService(name, {
    config,
    networking: upstream.networking,
    clusterArn: cluster.arn,
    executionRoleArn: upstream.registryAccess.executionRoleArn,
    taskRoleArn: taskRole.arn,
    logGroupName: logGroup.name,
    ...(credentialsSecretArn ? { credentialsSecretArn } : {}),
  });
  const serviceName = service.service.apply((s) => s.name);
  createAutoscaling(`${name}-scaling`, config, cluster.name, serviceName);

  return {
    clusterName: cluster.name,
    serviceName,
    url: upstream.networking.url,
    image: config.image.original,
  } satisfies StackExports<ServiceOutputs>;
}

export = main();
