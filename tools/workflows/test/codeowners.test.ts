// .github/CODEOWNERS, read as GitHub reads it (gitignore-style patterns, the last matching line wins): each
// environment that deploy.yml approves owns every stack file and the pack config of that environment.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadWorkflow, repositoryRoot } from "./support/workflows";

const rules = readFileSync(join(repositoryRoot, ".github", "CODEOWNERS"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "" && !line.startsWith("#"))
  .map((line) => {
    const [pattern, ...owners] = line.trim().split(/\s+/);
    return { pattern: pattern!, owners };
  });

/** A CODEOWNERS pattern as a regular expression over a repository path (only the forms this file uses). */
function matcher(pattern: string): RegExp {
  const anchored = pattern.startsWith("/");
  const body = pattern
    .replace(/^\//, "")
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*\*/g, "\u0000")
    .replace(/\*/g, "[^/]*")
    .replace(/\u0000/g, ".*");
  return new RegExp(`${anchored ? "^" : "(^|/)"}${body}${pattern.endsWith("/") ? "" : "(/|$)"}`);
}

/** The owners GitHub asks for a path: the last matching rule's. */
const ownersOf = (path: string) => rules.filter((rule) => matcher(rule.pattern).test(path)).at(-1)?.owners ?? [];

const projects = readdirSync(join(repositoryRoot, "projects")).filter((name) =>
  readdirSync(join(repositoryRoot, "projects", name)).includes("Pulumi.yaml"),
);

describe(".github/CODEOWNERS", () => {
  it("gives each approved environment's stack files and pack config to that environment's approvers alone", async () => {
    const deploy = await loadWorkflow("deploy.yml");
    const approved = deploy.jobs.filter((job) => job.id.startsWith("approve-")).map((job) => job.id.slice(8));
    expect(approved).toEqual(["staging", "prod"]);
    expect(projects.length).toBeGreaterThan(2);
    for (const env of approved) {
      const withStack = projects.filter((project) =>
        readdirSync(join(repositoryRoot, "projects", project)).includes(`Pulumi.${env}.yaml`),
      );
      const files = [
        ...withStack.map((project) => `projects/${project}/Pulumi.${env}.yaml`),
        `policies/fargate-guard/config/${env}.json`,
      ];
      for (const file of files) expect([file, ownersOf(file)]).toEqual([file, [`@acme/${env}-approvers`]]);
    }
  });

  it("leaves dev's stack files and the code to the review any pull request needs", () => {
    expect(ownersOf("projects/service/Pulumi.dev.yaml")).toEqual([]);
    expect(ownersOf("projects/service/index.ts")).toEqual([]);
  });

  it("gives the workflows, their scripts, CODEOWNERS itself and the delivery project to prod's approvers", () => {
    for (const file of [
      ".github/workflows/deploy.yml",
      ".github/scripts/deploy-stacks.sh",
      ".github/CODEOWNERS",
      "projects/delivery/Pulumi.repository.yaml",
      "projects/delivery/src/deploy-policy.ts",
    ])
      expect([file, ownersOf(file)]).toEqual([file, ["@acme/prod-approvers"]]);
  });
});
