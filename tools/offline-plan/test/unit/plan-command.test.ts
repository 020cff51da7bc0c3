// `npm start -- --help` is built from the same spec the parser reads: every flag it accepts is in the help, and
// nothing else is.
import { PLAN_COMMAND, USAGE } from "../../src/args";

it("lists every flag of the spec in --help, in the spec's order, and no other", () => {
  const listed = [...USAGE.matchAll(/^ {2}(?:-\w, )?--([a-z-]+)/gm)].map((match) => match[1]);
  expect(listed).toEqual(Object.keys(PLAN_COMMAND.flags));
  expect(USAGE).toMatch(/^Usage: npm start -- \[options\]\n/);
});
