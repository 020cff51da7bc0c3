export interface Arn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(value: string): Arn | undefined {
  void value;
  return undefined;
}

export function isSecretsManagerSecretArn(value: string): boolean {
  void value;
  return false;
}

export function isKmsKeyArn(value: string): boolean {
  void value;
  return false;
}

export function isIamRoleArn(value: string): boolean {
  void value;
  return false;
}
