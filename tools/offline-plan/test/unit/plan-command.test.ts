// `npm start -- --help` is built from the same spec the parser reads: every flag it accepts is in the help, and
// nothing else is, so a new flag is one entry in PLAN_COMMAND.
import { defineCommand, helpText, parseCommand } from "@platform/command-line";
import { PLAN_COMMAND, USAGE } from "../../src/args";

const listedFlags = (help: string) => [...help.matchAll(/^ {2}(?:-\w, )?--([a-z-]+)/gm)].map((match) => match[1]);

it("lists every flag of the spec in --help, in the spec's order, and no other", () => {
  expect(listedFlags(USAGE)).toEqual(Object.keys(PLAN_COMMAND.flags));
  expect(USAGE).toMatch(/^Usage: npm start -- \[options\]\n/);
});

it("takes a new flag from one entry of the spec: parsed, typed and in --help", () => {
  const withFlag = defineCommand({
    ...PLAN_COMMAND,
    flags: { ...PLAN_COMMAND.flags, "fail-on-advisory": { type: "boolean", default: false, help: "Fail on advisory" } },
  });
  const args = parseCommand(["--fail-on-advisory", "--env", "prod"], withFlag);
  const failOnAdvisory: boolean = args.failOnAdvisory;
  expect({ failOnAdvisory, env: args.env }).toEqual({ failOnAdvisory: true, env: "prod" });
  expect(listedFlags(helpText(withFlag))).toEqual([...Object.keys(PLAN_COMMAND.flags), "fail-on-advisory"]);
});
