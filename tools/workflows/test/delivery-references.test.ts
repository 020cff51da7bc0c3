// Every GitHub environment, variable, secret and role the workflows use is one projects/delivery makes: its plan
// (under the mocks, with each optional variable switched on: team tokens and a self-managed backend) declares the
// environment, the variable in that environment or the repository, and each role variable holds a role it creates.
import { join } from "node:path";
import { ENVIRONMENTS } from "@platform/config/environments";
import { runProgram, type ProgramRun } from "@platform/testing";
import { asString, evaluateValue } from "./support/expressions";
import { Expression, loadWorkflow, mappingOf, repositoryRoot, workflowFiles, type Workflow } from "./support/workflows";

let workflows: Workflow[];
let run: ProgramRun;
beforeAll(async () => {
  [workflows, run] = await Promise.all([
    Promise.all(workflowFiles().map((file) => loadWorkflow(file))),
    runProgram({
      projectDir: join(repositoryRoot, "projects", "delivery"),
      env: "repository",
      config: { "delivery:pulumiEdition": "enterprise", "delivery:stateBackendUrl": "s3://acme-state" },
    }),
  ]);
});

/** Each job in each environment it runs in (a matrix expanded), with the vars and secrets it reads. */
function jobs() {
  return workflows.flatMap((workflow) =>
    workflow.jobs.flatMap((job) => {
      const text = JSON.stringify(job.declared) + JSON.stringify(workflow.declared.env ?? {});
      const read = (kind: string) => [
        ...new Set([...text.matchAll(new RegExp(`\\b${kind}\\.([A-Z_]+)`, "g"))].map((m) => m[1]!)),
      ];
      const declared = job.declared.environment;
      const matrix = mappingOf(mappingOf(mappingOf(job.declared.strategy).matrix)).env as string[] | undefined;
      // An environment named by an expression: one per deploy environment, from a matrix or a job before's output.
      const named = (env: string) =>
        asString(evaluateValue(declared!, { matrix: { env }, needs: { promote: { outputs: { to: env } } } }));
      const environments =
        declared === undefined
          ? [undefined]
          : declared instanceof Expression
            ? (matrix ?? [...ENVIRONMENTS]).map(named)
            : [asString(declared)];
      return environments.map((environment) => ({
        where: `${workflow.file}/${job.id}`,
        environment,
        vars: read("vars"),
        secrets: read("secrets"),
      }));
    }),
  );
}

const variablesOf = (environment: string | undefined) =>
  environment === undefined
    ? run.ofType("github:index/actionsVariable:ActionsVariable")
    : run
        .ofType("github:index/actionsEnvironmentVariable:ActionsEnvironmentVariable")
        .filter((v) => v.inputs["environment"] === environment);

it("runs every job that names an environment in one the delivery project creates", () => {
  const created = run
    .ofType("github:index/repositoryEnvironment:RepositoryEnvironment")
    .map((e) => e.inputs["environment"]);
  const named = jobs().flatMap((job) => (job.environment ? [job.environment] : []));
  expect(named).toEqual(expect.arrayContaining(["dev", "prod-approval", "prod-drift", "promotion"]));
  for (const environment of named) expect([environment, created.includes(environment)]).toEqual([environment, true]);
});

it("finds each variable a job reads in its environment or the repository (or among those a person sets), and each role variable holds a role it creates", () => {
  const roleArns = Object.values(run.outputs["roleArns"] as Record<string, Record<string, string>>).flatMap(
    Object.values,
  );
  const toSet = (run.outputs["variablesToSet"] as { environment: string; variable: string }[]).map(
    (v) => `${v.environment} ${v.variable}`,
  );
  const roleVariables: [string, string, unknown][] = [];
  for (const job of jobs()) {
    const available = [...variablesOf(undefined), ...(job.environment ? variablesOf(job.environment) : [])];
    for (const name of job.vars) {
      const variable = available.find((v) => v.inputs["variableName"] === name);
      const byPerson = [`(repository) ${name}`, `${job.environment} ${name}`].some((place) => toSet.includes(place));
      expect([job.where, job.environment, name, variable !== undefined || byPerson]).toEqual([
        job.where,
        job.environment,
        name,
        true,
      ]);
      if (/_ROLE_ARN$/.test(name)) roleVariables.push([job.where, name, variable?.inputs["value"]]);
    }
  }
  expect(roleVariables.length).toBeGreaterThanOrEqual(6);
  for (const [where, name, value] of roleVariables)
    expect([where, name, roleArns.includes(value as string)]).toEqual([where, name, true]);
});

it("gives each secret a job reads a place in that job's environment, as a resource or in the list a person fills", () => {
  const places = [
    ...run
      .ofType("github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret")
      .map((s) => [s.inputs["environment"], s.inputs["secretName"]].map(String).join(" ")),
    ...(run.outputs["secretsToSet"] as { environment: string; secret: string }[]).map(
      (s) => `${s.environment} ${s.secret}`,
    ),
  ];
  const read = jobs().flatMap((job) => job.secrets.map((secret) => `${job.environment} ${secret}`));
  expect(read.length).toBeGreaterThan(0);
  for (const place of read) expect([place, places.includes(place)]).toEqual([place, true]);
});
