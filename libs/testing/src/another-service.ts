// A second service in a copy of this workspace, for tests of the tools that act per service (promote, the
// workflows): projects/<name> is projects/service under another name, with its own image, priority and path.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface AnotherService {
  /** The project name, which is also the namespace of its config keys. */
  readonly name: string;
  /** Its image in every environment (prod requires a digest). */
  readonly image: string;
  /** Its rule's priority on the shared listener; by default the lowest multiple of ten no stack file uses. */
  readonly listenerPriority?: number;
  /** Its rule's path pattern, e.g. `/shop/*`. */
  readonly path: string;
}

/** The one the tools' tests add: another image on the same registry host as projects/service, on its own path. */
export const SHOP: AnotherService = {
  name: "shop",
  image: `ghcr.io/acme/shop@sha256:${"5e".repeat(32)}`,
  path: "/shop/*",
};

/** The files of a service project; its tests stay behind (they test projects/service by its name). */
const PROJECT_FILES = /^(Pulumi(\.[^.]+)?\.yaml|index\.ts|package\.json|project\.json|tsconfig\.json)$/;

/**
 * Writes projects/<name> into the workspace copy at `root`, lists it in the copy's stack graph, and generates the
 * copy's policy pack configs again, as a person adding a service would. `packConfigs: false` leaves them (a
 * process each) to a test that adds many services and runs no plan.
 */
export function addAnotherService(root: string, service: AnotherService, options = { packConfigs: true }): void {
  const from = path.join(root, "projects", "service");
  const to = path.join(root, "projects", service.name);
  const listenerPriority = service.listenerPriority ?? freePriority(root);
  fs.mkdirSync(to);
  for (const file of fs.readdirSync(from).filter((name) => PROJECT_FILES.test(name))) {
    const text = fs.readFileSync(path.join(from, file), "utf8");
    fs.writeFileSync(path.join(to, file), renamed(file, text, { ...service, listenerPriority }));
  }
  listInStackGraph(root, service.name);
  if (!options.packConfigs) return;
  execFileSync(
    process.execPath,
    ["--import", "tsx", path.join("policies", "fargate-guard", "scripts", "generate-env-configs.ts"), "--write"],
    { cwd: root, stdio: "ignore" },
  );
}

/** Two services of an environment may not share a priority: the lowest multiple of ten no stack file uses. */
function freePriority(root: string): number {
  const projects = path.join(root, "projects");
  const used = new Set<number>();
  for (const project of fs.readdirSync(projects)) {
    const dir = path.join(projects, project);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).filter((name) => /^Pulumi\.[^.]+\.yaml$/.test(name))) {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      for (const match of text.matchAll(/:listenerPriority:\s*(\d+)/g)) used.add(Number(match[1]));
    }
  }
  let priority = 10;
  while (used.has(priority)) priority += 10;
  return priority;
}

function renamed(file: string, text: string, service: AnotherService & { listenerPriority: number }): string {
  const { name } = service;
  if (file === "package.json") return text.replace('"name": "@platform/service"', `"name": "@platform/${name}"`);
  if (file === "project.json") return text.replace('"name": "service"', `"name": "${name}"`);
  if (file === "Pulumi.yaml")
    return text.replace(/^name: service$/m, `name: ${name}`).replace(/\bservice:/g, `${name}:`);
  if (!file.startsWith("Pulumi.")) return text;
  return text
    .replace(/^# service\//m, `# ${name}/`)
    .replace(/^(\s*)service:image:.*$/m, `$1${name}:image: ${service.image}`)
    .replace(
      /^(\s*)service:listenerPriority:.*$/m,
      `$1${name}:listenerPriority: ${service.listenerPriority}\n$1${name}:paths: [${service.path}]`,
    )
    .replace(/^(\s*)service:/gm, `$1${name}:`);
}

/**
 * Makes the copy's stack graph know the service: a list of service projects, where the graph has one, or else an
 * entry of its own that reads what projects/service reads.
 */
function listInStackGraph(root: string, name: string): void {
  const file = path.join(root, "libs", "contracts", "src", "stacks.ts");
  const text = fs.readFileSync(file, "utf8");
  const list = /^(export const SERVICE_PROJECTS = \[)([^\]]*)\]/m.exec(text);
  const entry = /^(\s*)service: (\[[^\]]*\]),$/m.exec(text);
  let next: string;
  if (list !== null) {
    next = text.replace(list[0], `${list[1]}${list[2]}, ${JSON.stringify(name)}]`);
  } else if (entry !== null) {
    next = text
      .replace(entry[0], `${entry[0]}\n${entry[1]}${JSON.stringify(name)}: ${entry[2]},`)
      .replace(/"service";$/m, `"service" | ${JSON.stringify(name)};`);
  } else {
    throw new Error(`${file}: found neither SERVICE_PROJECTS nor a \`service:\` entry to add ${name} beside.`);
  }
  fs.writeFileSync(file, next);
}
