// The pack runs on programs written anywhere (`npm start -- --project <dir>`): what it tells their authors
// must not send them to this repository's packages or projects.
import * as fs from "node:fs";
import * as path from "node:path";
import { allRules } from "../../src/rules";

const workspaceRoot = path.resolve(__dirname, "..", "..", "..", "..");
const folders = (group: string) => fs.readdirSync(path.join(workspaceRoot, group));
/** Every workspace package's name (`@platform/iam`, …). */
const packageNames = ["libs", "projects", "policies", "tools"].flatMap((group) =>
  folders(group).flatMap((folder) => {
    const manifest = path.join(workspaceRoot, group, folder, "package.json");
    return fs.existsSync(manifest) ? [(JSON.parse(fs.readFileSync(manifest, "utf8")) as { name: string }).name] : [];
  }),
);
/** This repository's stacks as a text would name them ("the registry-access stack"). */
const stackPhrases = folders("projects").map((project) => `${project} stack`);
const ownNames = [...packageNames, ...stackPhrases];

it("finds this repository's package names and stacks to look for", () => {
  expect(ownNames).toEqual(expect.arrayContaining(["@platform/iam", "@platform/config", "registry-access stack"]));
});

it.each(allRules.map((rule) => [rule.metadata.name, rule.metadata] as const))(
  "%s describes its cause, reason and fix without this repository's names",
  (_name, { description, cause, rationale, fix }) => {
    for (const text of [description, cause, rationale, fix]) {
      expect(ownNames.filter((own) => text.includes(own))).toEqual([]);
    }
  },
);
