import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { chooseService, serviceProjectsIn } from "../src/service-projects";
import { isServiceProject, SERVICE_PROJECTS, SERVICE_UPSTREAMS, UPSTREAM_PROJECTS } from "../src/stacks";

let root: string;
beforeEach(() => (root = mkdtempSync(path.join(tmpdir(), "services-"))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

const project = (name: string) => {
  mkdirSync(path.join(root, "projects", name), { recursive: true });
  writeFileSync(path.join(root, "projects", name, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
};

it("gives every service project the same upstream stacks in the stack graph", () => {
  for (const service of SERVICE_PROJECTS) expect(UPSTREAM_PROJECTS[service]).toEqual(SERVICE_UPSTREAMS);
  expect(SERVICE_PROJECTS.every(isServiceProject)).toBe(true);
  expect(["networking", "registry-access", "shop"].some(isServiceProject)).toBe(false);
});

it("finds only the listed services that have a Pulumi project in the workspace", () => {
  project("networking");
  project(SERVICE_PROJECTS[0]);
  expect(serviceProjectsIn(root)).toEqual([SERVICE_PROJECTS[0]]);
});

it("takes the only service when none is named, and a named one when it exists", () => {
  project(SERVICE_PROJECTS[0]);
  expect(chooseService(root, undefined)).toBe(SERVICE_PROJECTS[0]);
  expect(chooseService(root, SERVICE_PROJECTS[0])).toBe(SERVICE_PROJECTS[0]);
});

it("names the services when the name is unknown", () => {
  project(SERVICE_PROJECTS[0]);
  expect(() => chooseService(root, "billing")).toThrow(
    `--service "billing" is not a service of this workspace; the services are: ${SERVICE_PROJECTS[0]} `,
  );
});

it("asks for a name when there is no service to default to", () => {
  expect(() => chooseService(root, undefined)).toThrow("This workspace has no service project");
});
