import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ENFORCEMENT_LEVELS } from "../src/enforcement-levels";
import { packConfigOf, readPackConfigFile, setsAnyLevel } from "../src/pack-config-file";

const dir = mkdtempSync(path.join(tmpdir(), "pack-config-file-"));
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe("readPackConfigFile", () => {
  it("reads a level or an object with properties and an optional level, per policy", () => {
    const config = readPackConfigFile(
      file("a.json", '{ "all": "advisory", "x": { "enforcementLevel": "disabled", "limit": 3 } }'),
      "a.json",
    );
    expect(config.settings).toEqual({
      all: { enforcementLevel: "advisory" },
      x: { enforcementLevel: "disabled", properties: { limit: 3 } },
    });
    expect(config.file).toBe("a.json");
  });

  it("treats an empty file as no config, as the CLI does", () => {
    const config = readPackConfigFile(file("empty.json", "  \n"));
    expect(config.settings).toEqual({});
    expect(setsAnyLevel(config)).toBe(false);
  });

  it("names the policy and the allowed levels when a level is invalid", () => {
    expect(() => readPackConfigFile(file("bad.json", '{ "x": "strict" }'), "bad.json")).toThrow(
      '`x` in bad.json is "strict", which is not an enforcement level: use advisory, mandatory, remediate, disabled.',
    );
  });

  it("names the file when it is not JSON or not an object", () => {
    expect(() => readPackConfigFile(file("broken.json", "{"), "broken.json")).toThrow(
      /^Policy pack config broken\.json is not valid JSON: .*Fix: correct the JSON/,
    );
    expect(() => packConfigOf(["advisory"], "list.json")).toThrow(
      /^Policy pack config list\.json must be a JSON object/,
    );
  });
});

it("lists exactly the SDK's enforcement levels", () => {
  expect([...ENFORCEMENT_LEVELS].sort()).toEqual(["advisory", "disabled", "mandatory", "remediate"]);
});

it("tells a file that sets some level from one that sets none", () => {
  expect(setsAnyLevel(packConfigOf({ x: { limit: 3 } }, "f"))).toBe(false);
  expect(setsAnyLevel(packConfigOf({ x: { enforcementLevel: "advisory" } }, "f"))).toBe(true);
  expect(setsAnyLevel(packConfigOf({ all: "mandatory" }, "f"))).toBe(true);
});
