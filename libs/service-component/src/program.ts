import * as pulumi from "@pulumi/pulumi";
import { pulumiConfigSource } from "@platform/config";
import { type ServiceOutputs, type StackExports, UpstreamStack } from "@platform/contracts";
import { serviceConfig } from "./config";
import { imagePull } from "./credentials";
import { requireCurrentSecretValue } from "./secret-has-value";
import { FargateServiceComponent } from "./service";
import { readUpstream } from "./upstream";

/**
 * The whole program of a service project: its stack file's config (namespace = the Pulumi project's name),
 * its upstream stacks, the checks that need AWS (the registry secret has a value), then the component. A
 * service project's index.ts is `export = serviceProgram();`.
 */
export async function serviceProgram(): Promise<StackExports<ServiceOutputs>> {
  const source = pulumiConfigSource();
  const config = serviceConfig(source, pulumi.getProject());
  const upstream = await readUpstream(config);
  const { credentialsSecretArn } = imagePull(config, upstream, source.stackFile);
  if (credentialsSecretArn)
    await requireCurrentSecretValue(credentialsSecretArn, config.image.host, upstream.registryAccessStack);
  // What was read, where the policy pack sees it (a StackReference never reaches a pack); only after the checks
  // above, so a service that stops there declares nothing.
  for (const { stack, outputs } of Object.values(upstream.stacks)) new UpstreamStack(stack, outputs);
  const service = new FargateServiceComponent(`${config.name}-${config.env}`, {
    config,
    upstream,
    stackFile: source.stackFile,
  });
  return {
    clusterName: service.clusterName,
    serviceName: service.serviceName,
    url: upstream.networking.url,
    image: config.image.original,
    routing: {
      listenerArn: upstream.networking.listenerArn,
      priority: config.routing.priority,
      paths: [...config.routing.paths],
      hosts: [...config.routing.hosts],
    },
  };
}
