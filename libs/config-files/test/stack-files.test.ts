import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readStackConfig, secretPlaceholder } from "../src";

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "stack-files-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

it("passes config the way the CLI does: namespaced keys, JSON for non-strings, secrets marked", () => {
  const dir = project({
    "Pulumi.yaml":
      "name: demo\nruntime: nodejs\nconfig:\n  demo:port:\n    type: integer\n    default: 8098\n  demo:plain: 1\n",
    "Pulumi.dev.yaml":
      "config:\n  aws:region: eu-central-1\n  name: x # bare key\n  demo:list: [1, 2]\n  demo:token:\n    secure: v1:abc\n",
  });
  expect(readStackConfig(dir, "dev")).toEqual({
    project: "demo",
    stackFile: "Pulumi.dev.yaml",
    exists: true,
    values: {
      "demo:port": "8098",
      "demo:plain": "1",
      "aws:region": "eu-central-1",
      "demo:name": "x",
      "demo:list": "[1,2]",
      "demo:token": secretPlaceholder("demo:token"),
    },
    secretKeys: ["demo:token"],
  });
});

it("runs with the project defaults when the stack file does not exist", () => {
  const dir = project({ "Pulumi.yaml": "name: demo\nruntime: nodejs\n" });
  expect(readStackConfig(dir, "prod")).toMatchObject({ exists: false, values: {}, secretKeys: [] });
});
