import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** A customer-managed key for the registry secrets, with yearly automatic rotation. */
export function createRegistryKey(name: string, env: string, opts?: pulumi.CustomResourceOptions): aws.kms.Key {
  const key = new aws.kms.Key(
    name,
    {
      description: `Encrypts the private-registry credentials of ${env}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    },
    opts,
  );
  new aws.kms.Alias(`${name}-alias`, { name: `alias/registry-credentials-${env}`, targetKeyId: key.keyId }, opts);
  return key;
}
