import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chooseServiceProject, findServiceProjects, ServiceProjectError } from "../src/service-projects";

/** A workspace whose projects/ holds `projects`: folder -> [Pulumi.yaml text, package.json text or none]. */
function workspace(projects: Record<string, [string, string | undefined]>): string {
  const root = mkdtempSync(join(tmpdir(), "service-projects-"));
  for (const [folder, [pulumiYaml, packageJson]] of Object.entries(projects)) {
    mkdirSync(join(root, "projects", folder), { recursive: true });
    writeFileSync(join(root, "projects", folder, "Pulumi.yaml"), pulumiYaml);
    if (packageJson !== undefined) writeFileSync(join(root, "projects", folder, "package.json"), packageJson);
  }
  return root;
}
const service = JSON.stringify({ dependencies: { "@platform/service-component": "0.1.0" } });
const other = JSON.stringify({ dependencies: { "@pulumi/aws": "7.48.0" } });

it("finds the projects whose package depends on the service component, by Pulumi project name", () => {
  const root = workspace({
    networking: ["name: networking\nruntime: nodejs\n", other],
    "web-folder": ["name: web\nruntime: nodejs\nstackConfigDir: stacks\n", service],
    api: ["name: api\nruntime: nodejs\n", service],
    bare: ["name: bare\nruntime: nodejs\n", undefined],
  });
  expect(findServiceProjects(root)).toEqual([
    { name: "api", dir: join(root, "projects/api"), root: "projects/api", stackDir: join(root, "projects/api") },
    {
      name: "web",
      dir: join(root, "projects/web-folder"),
      root: "projects/web-folder",
      stackDir: join(root, "projects/web-folder/stacks"),
    },
  ]);
  expect(chooseServiceProject(root, "web").root).toBe("projects/web-folder");
  expect(() => chooseServiceProject(root, undefined, "--svc")).toThrow(
    "This workspace has 2 services (api, web); say which one.\nFix: --svc <name>, one of api, web",
  );
});

it("refuses a service package.json that is not JSON, naming the file", () => {
  const root = workspace({ api: ["name: api\nruntime: nodejs\n", "{"] });
  expect(() => findServiceProjects(root)).toThrow(ServiceProjectError);
  expect(() => findServiceProjects(root)).toThrow(`${join(root, "projects/api/package.json")} is not valid JSON.`);
});

it("refuses a service whose Pulumi.yaml has no valid name, naming the file", () => {
  const root = workspace({ api: ["runtime: nodejs\n", service] });
  expect(() => findServiceProjects(root)).toThrow(ServiceProjectError);
  expect(() => findServiceProjects(root)).toThrow("projects/api/Pulumi.yaml: `name` is missing");
});
