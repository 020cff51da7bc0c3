// docs/delivery-setup.md's offline plan, run as documented (`npm start -- --env repository`, the plan's own entry
// point from the workspace root): the delivery stack plans clean, the pack judging it, and shows the provider, the
// pinned trusts, the environments' branch policies and Pulumi Cloud's policies.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..", "..");
const doc = readFileSync(path.join(root, "docs", "delivery-setup.md"), "utf8");
const commands = (prefix: string) =>
  [...doc.matchAll(/```sh\n([\s\S]*?)```/g), ...doc.matchAll(/`([^`\n]+)`/g)]
    .flatMap((m) => m[1]!.split("\n"))
    .map((line) => line.replace(/\s+#\s.*$/, "").trim())
    .filter((line) => line.startsWith(prefix));

interface Resource {
  type: string;
  properties: Record<string, unknown>;
}
interface Plan {
  ok: boolean;
  stacks: {
    project: string;
    stack: string;
    error: string | null;
    resources: Resource[];
    violations: { enforcementLevel: string }[];
  }[];
}
let plan: Plan;
beforeAll(async () => {
  const [documented] = commands("npm start -- ");
  const argv = [...documented!.split(" -- ")[1]!.split(/\s+/), "--json"];
  const stdout = await new Promise<string>((resolve) =>
    execFile(
      process.execPath,
      [path.join(root, "tools/offline-plan/bin/plan.js"), ...argv],
      { cwd: root, maxBuffer: 64 << 20 },
      (_, out) => resolve(out),
    ),
  );
  plan = JSON.parse(stdout) as Plan;
}, 120_000);

const of = (type: string) => plan.stacks[0]!.resources.filter((r) => r.type === type);

it("plans the delivery stack offline, and the pack passes it", () => {
  expect(commands("npm start -- ")).toEqual(["npm start -- --env repository"]);
  const stack = plan.stacks[0]!;
  expect([plan.stacks.length, stack.project, stack.stack, stack.error, plan.ok]).toEqual([
    1,
    "delivery",
    "repository",
    null,
    true,
  ]);
  expect(stack.violations.filter((v) => v.enforcementLevel === "mandatory")).toEqual([]);
});

it("shows the OIDC provider and the roles whose trusts pin one environment each", () => {
  expect(of("aws:iam/openIdConnectProvider:OpenIdConnectProvider")).toHaveLength(3);
  const subjects = of("aws:iam/role:Role").map(
    (r) =>
      (
        JSON.parse(r.properties["assumeRolePolicy"] as string) as {
          Statement: { Condition: Record<string, Record<string, string>> }[];
        }
      ).Statement[0]!.Condition["StringEquals"]!["token.actions.githubusercontent.com:sub"],
  );
  expect(subjects).toHaveLength(9);
  expect(subjects).toContain("repo:acme/platform:environment:prod");
});

it("shows each GitHub environment with its branch policy, and Pulumi Cloud's policies", () => {
  const environments = of("github:index/repositoryEnvironment:RepositoryEnvironment").map(
    (r) => r.properties["environment"],
  );
  const policies = of("github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy");
  expect(policies.map((p) => [p.properties["environment"], p.properties["branchPattern"]])).toEqual(
    environments.map((e) => [e, "main"]),
  );
  const issuer = of("pulumiservice:index:OidcIssuer")[0]!.properties as { policies: unknown[] };
  expect(issuer.policies).toHaveLength(9);
});
