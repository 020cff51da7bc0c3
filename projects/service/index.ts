import { type ServiceOutputs, type StackExports } from "@platform/contracts";
import { pulumiConfigSource } from "@platform/config";
import { serviceConfig } from "./src/config";
import { credentialsFor } from "./src/credentials";
import { createFargateService } from "./src/fargate-service";
import { createAutoscaling } from "./src/autoscaling";
import { createCluster } from "./src/cluster";
import { createLogGroup } from "./src/log-group";
import { createTaskRole } from "./src/task-role";
import { readUpstream } from "./src/upstream";
import { requireCurrentSecretValue } from "./src/secret-has-value";

async function main() {
  const source = pulumiConfigSource();
  const config = serviceConfig(source);
  const upstream = await readUpstream(config);
  const credentialsSecretArn = credentialsFor(config, upstream, source.stackFile);
  if (credentialsSecretArn)
    await requireCurrentSecretValue(credentialsSecretArn, config.image.host, upstream.registryAccessStack);
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
