import { hexOf, uuidOf } from "./fake-ids";
import type { Inputs } from "./resource-builders";

export type CallResult = (inputs: Inputs) => Record<string, unknown>;

const AZ_SUFFIXES = ["a", "b", "c", "d", "e", "f"];

/** Results of the data sources the programs (and awsx) call, for one fake account and region. */
export function awsCallResults(account: string, region: string, partition: string): Record<string, CallResult> {
  const zones = AZ_SUFFIXES.map((s) => `${region}${s}`);
  return {
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
      accountId: account,
      arn: `arn:${partition}:iam::${account}:user/offline-plan`,
      userId: `AIDA${hexOf(account, 17).toUpperCase()}`,
      id: account,
    }),
    "aws:index/getRegion:getRegion": () => ({
      name: region,
      region,
      id: region,
      description: region,
      endpoint: `ec2.${region}.amazonaws.com`,
    }),
    "aws:index/getPartition:getPartition": () => ({
      partition,
      id: partition,
      dnsSuffix: partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com",
      reverseDnsPrefix: partition === "aws-cn" ? "cn.com.amazonaws" : "com.amazonaws",
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": () => ({
      id: region,
      names: zones.slice(0, 3),
      zoneIds: zones.slice(0, 3).map((_, i) => `${region.replace(/-/g, "").slice(0, 4)}-az${i + 1}`),
      state: "available",
    }),
    // The versions of a secret, never its value. By default the secret has a current version: offline, the
    // `put-secret-value` step of the README is assumed done. A project's fixture file (or a test) answers what the
    // provider answers for a secret without one, no `versions` at all, to see how the service refuses it.
    "aws:secretsmanager/getSecretVersions:getSecretVersions": (inputs) => {
      const secretId = String(inputs["secretId"]);
      const name = secretId.split(":").at(-1) ?? secretId;
      return {
        arn: secretId,
        secretArn: secretId,
        secretId,
        name,
        secretName: name,
        region,
        id: secretId,
        versions: [
          {
            versionId: uuidOf(`${secretId}:current`),
            versionStages: ["AWSCURRENT"],
            createdTime: "2026-11-29T00:00:00Z",
          },
        ],
      };
    },
  };
}
