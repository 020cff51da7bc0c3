import { parseCommandLine, type FlagSpecs } from "../src";

class BadInput extends Error {}

const flags = {
  env: { type: "string" },
  project: { type: "string", multiple: true, default: [] },
  password: { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} satisfies FlagSpecs;

const parse = (argv: string[]) =>
  parseCommandLine(argv, { flags, secretFlags: ["password"], helpCommand: "tool --help", error: BadInput });

/** The message of the error `argv` is refused with; fails the test when it is accepted. */
function refusal(argv: string[]): string {
  try {
    parse(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(BadInput);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(" ")} was accepted`);
}

it("returns each flag's value, typed as node:util parseArgs types it", () => {
  const values = parse(["--env", "dev", "--project=a", "--project", "b", "-h"]);
  expect(values).toEqual({ env: "dev", project: ["a", "b"], json: false, help: true });
});

it.each([
  [["--env", "dev", "--env", "prod"], "--env is given 2 times, and it may be given once: `--env dev`, `--env prod`."],
  [
    ["--env=dev", "--json", "--env", "prod"],
    "--env is given 2 times, and it may be given once: `--env dev`, `--env prod`.",
  ],
  [["--json", "--json"], "--json is given 2 times, and it may be given once: `--json`, `--json`."],
])("refuses the single-value flag repeated in %j, naming both values", (argv, message) => {
  expect(refusal(argv)).toBe(`${message}\nFix: keep one \`--${message.slice(2).split(" ")[0]}\` and run again.`);
});

it("accepts a repeated flag that takes many values", () => {
  expect(parse(["--project", "a", "--project", "b"]).project).toEqual(["a", "b"]);
});

it("never repeats the value of a secret flag given twice", () => {
  const message = refusal(["--password", "hunter2", "--password=letmein"]);
  expect(message).toContain("--password is given 2 times");
  expect(message).not.toMatch(/hunter2|letmein/);
});

it("suggests the nearest known flag for a misspelt one, and lists the known ones", () => {
  expect(refusal(["--evn", "dev"])).toBe(
    "Unknown option '--evn'. Did you mean `--env`? This command's options: --env, --project, --password, --json, " +
      "--help.\nFix: see `tool --help` for the options.",
  );
});

it("suggests the flag that a longer spelling starts with", () => {
  expect(refusal(["--environment", "dev"])).toContain("Unknown option '--environment'. Did you mean `--env`?");
  expect(refusal(["--jsonl"])).toContain("Did you mean `--json`?");
});

it("names an unknown flag without its value", () => {
  const message = refusal(["--passwrd=hunter2"]);
  expect(message).toContain("Unknown option '--passwrd'. Did you mean `--password`?");
  expect(message).not.toContain("hunter2");
});

it.each([
  [["--env"], "`--env` needs a value: `--env <value>`."],
  [["--env", "--json"], "`--env` needs a value, and got the flag `--json` instead."],
  [["--json=yes"], "`--json` is a switch and takes no value (got `--json=...`)."],
  [["dev"], "`dev` is not an option: this command takes no arguments without a flag."],
])("refuses %j with a message that names the flag and a Fix line", (argv, message) => {
  expect(refusal(argv)).toBe(`${message}\nFix: see \`tool --help\` for the options.`);
});

it("does not show a secret flag's value when another flag stands where it should be", () => {
  expect(refusal(["--password", "--json"])).toContain("`--password` needs a value, and got the flag `--json`");
  expect(refusal(["--env", "-hunter2", "--password", "-x"])).toContain("got the flag `-hunter2` instead");
  expect(refusal(["--password", "-hunter2"])).not.toContain("hunter2");
});

it("takes a value that starts with a dash when it is written inline", () => {
  expect(parse(["--env=-odd"]).env).toBe("-odd");
});
