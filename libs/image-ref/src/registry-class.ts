export type EcrPartition = "aws" | "aws-cn" | "aws-us-gov";

export type RegistryClass =
  | { kind: "private-ecr"; accountId: string; region: string; partition: EcrPartition }
  | { kind: "public-ecr" }
  | { kind: "other" };

export function classifyRegistry(host: string): RegistryClass {
  void host;
  return { kind: "other" };
}
