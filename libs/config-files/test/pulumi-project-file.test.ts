import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readPulumiProjectFile, readStackConfig, StackFileSyntaxError } from "../src";

/** Writes `text` as Pulumi.yaml in a fresh folder and returns the file's path. */
function projectFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "pulumi-project-file-"));
  writeFileSync(join(dir, "Pulumi.yaml"), text);
  return join(dir, "Pulumi.yaml");
}

it("reads the name, the runtime with its options, main, stackConfigDir and the config declarations", () => {
  const file = projectFile(
    [
      "name: app",
      "runtime:",
      "  name: nodejs",
      "  options:",
      "    nodeargs: --import=tsx",
      "main: index.ts",
      "stackConfigDir: stacks",
      "config:",
      "  port:",
      "    type: integer",
      "    default: 8098",
      "  app:zones:",
      "    type: array",
      "    items: { type: string }",
      "    value: [a, b]",
      "  app:token:",
      "    type: string",
      "    secret: true",
      "  aws:region: eu-central-1",
    ].join("\n"),
  );
  expect(readPulumiProjectFile(file)).toEqual({
    file,
    name: "app",
    runtime: "nodejs",
    runtimeOptions: { nodeargs: "--import=tsx" },
    main: "index.ts",
    stackConfigDir: "stacks",
    config: {
      "app:port": { type: "integer", default: 8098, secret: false },
      "app:zones": { type: "array", items: { type: "string" }, value: ["a", "b"], secret: false },
      "app:token": { type: "string", secret: true },
      "aws:region": { value: "eu-central-1", secret: false },
    },
  });
});

it("takes the short runtime form, and leaves main and stackConfigDir unset when the file does not set them", () => {
  const project = readPulumiProjectFile(projectFile("name: app\nruntime: nodejs\n"));
  expect(project).toEqual({
    file: expect.any(String) as unknown,
    name: "app",
    runtime: "nodejs",
    runtimeOptions: {},
    config: {},
  });
});

it.each([
  ["a missing name", "runtime: nodejs\n", "`name` is missing; a Pulumi project name is letters, digits"],
  ["a name Pulumi refuses", "name: my app\nruntime: nodejs\n", '`name` is "my app"; a Pulumi project name'],
  ["a missing runtime", "name: app\n", "`runtime` is missing; it must name the language runtime"],
  [
    "runtime options that are not a mapping",
    "name: app\nruntime: { name: nodejs, options: 1 }\n",
    "`runtime.options` is 1",
  ],
  ["a main that is not a path", "name: app\nruntime: nodejs\nmain: [a]\n", '`main` is ["a"]'],
  ["config that is not a mapping", "name: app\nruntime: nodejs\nconfig: [a]\n", '`config` is ["a"]'],
  [
    "a declaration with a non-text type",
    "name: app\nruntime: nodejs\nconfig:\n  port: { type: 1 }\n",
    "`config.port` has `type: 1`",
  ],
  ["a file that is not a mapping", "- name: app\n", 'holds [{"name":"app"}], not a mapping'],
])("refuses %s, naming the file and how to fix it", (_, text, expected) => {
  const file = projectFile(text);
  expect(() => readPulumiProjectFile(file, "p/app/Pulumi.yaml")).toThrow(expected);
  expect(() => readPulumiProjectFile(file, "p/app/Pulumi.yaml")).toThrow(/^p\/app\/Pulumi\.yaml[: ].*Fix: /s);
});

it("names the line and column of a YAML syntax error, as the caller names the file", () => {
  const file = projectFile("name: app\nruntime: [nodejs\n");
  expect(() => readPulumiProjectFile(file, "p/app/Pulumi.yaml")).toThrow(StackFileSyntaxError);
  expect(() => readPulumiProjectFile(file, "p/app/Pulumi.yaml")).toThrow(
    /^p\/app\/Pulumi\.yaml:\d+:\d+: not valid YAML/,
  );
});

it("gives every stack the project's `value:` and `default:`, a stack's own setting winning", () => {
  const file = projectFile(
    "name: demo\nruntime: nodejs\nconfig:\n  demo:a: { value: 1 }\n  demo:b: { default: 2 }\n  demo:c: { default: 3 }\n",
  );
  writeFileSync(join(file, "..", "Pulumi.dev.yaml"), "config:\n  demo:c: 4\n");
  expect(readStackConfig(join(file, ".."), "dev").values).toEqual({ "demo:a": "1", "demo:b": "2", "demo:c": "4" });
});
