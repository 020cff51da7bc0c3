import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "../src/args";
import { replaceFile } from "../src/replace-file";
import { readStackFile } from "../src/stack-image";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "replace-file-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the stack file promote writes", () => {
  it("is replaced whole by a regular file, with no temporary file left beside it", () => {
    const file = join(dir, "Pulumi.dev.yaml");
    writeFileSync(file, "config: {}\n", { mode: 0o640 });
    replaceFile(file, "config:\n  service:image: x\n", "Pulumi.dev.yaml");
    expect(readFileSync(file, "utf8")).toBe("config:\n  service:image: x\n");
    expect(lstatSync(file).isFile()).toBe(true);
    expect(lstatSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["Pulumi.dev.yaml"]);
  });

  it("is never written through a link, neither when read nor when it became one after the plan", () => {
    const elsewhere = join(dir, "elsewhere.yaml");
    writeFileSync(elsewhere, "config:\n  service:image: a\n");
    const link = join(dir, "Pulumi.dev.yaml");
    symlinkSync(elsewhere, link);
    expect(() => readStackFile(link, "service:image")).toThrow(/is not a regular file \(a symbolic link\)/);
    expect(() => replaceFile(link, "replaced", "Pulumi.dev.yaml")).toThrow(InputError);
    expect(readFileSync(elsewhere, "utf8")).toBe("config:\n  service:image: a\n");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["Pulumi.dev.yaml", "elsewhere.yaml"]);
  });
});
