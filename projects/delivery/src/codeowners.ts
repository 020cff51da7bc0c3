// The CODEOWNERS lines that make a code owner's review the approval of what an approved environment runs, where
// GitHub environments have no required reviewers: each approved environment's stack files and pack config go to
// its approvers, and whatever decides how anything reaches prod (the workflows, this project) to prod's.
import type { Environment } from "@platform/config";
import { approvedEnvironments } from "./config";

export function codeownersRules(approvers: Readonly<Partial<Record<Environment, string>>>): string[] {
  const approved = approvedEnvironments();
  const last = approvers[approved.at(-1)!]!;
  return [
    ...approved.map((env) => `/projects/*/Pulumi.${env}.yaml ${approvers[env]}`),
    ...approved.map((env) => `/policies/fargate-guard/config/${env}.json ${approvers[env]}`),
    `/.github/ ${last}`,
    `/projects/delivery/ ${last}`,
  ];
}
