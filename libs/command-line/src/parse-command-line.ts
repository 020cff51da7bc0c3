// The workspace's one command-line parser. node:util parseArgs does the tokenising (`--flag value`,
// `--flag=value`, `-h`, `--`); this module adds what its strict mode does not say, or says without a Fix:
// a single-value flag given twice (parseArgs keeps the last one in silence, so `--env dev --env prod` would
// plan prod), the nearest known flag for a misspelt one, and values of secret flags kept out of messages.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { nearest } from "@platform/config/nearest";

export type FlagSpecs = NonNullable<ParseArgsConfig["options"]>;

type StrictConfig<F extends FlagSpecs> = {
  args: string[];
  options: F;
  strict: true;
  allowPositionals: false;
};

/** The flags' values, typed from their specs as node:util types them. */
export type FlagValues<F extends FlagSpecs> = ReturnType<typeof parseArgs<StrictConfig<F>>>["values"];

export interface CommandLineSpec<F extends FlagSpecs> {
  /** The flags, as node:util parseArgs takes them; a flag without `multiple: true` may be given once. */
  readonly flags: F;
  /** Flags whose values are never repeated in a message (passwords, tokens). */
  readonly secretFlags?: readonly (keyof F & string)[];
  /** The command that prints the usage, for the Fix line: "npm run promote -- --help". */
  readonly helpCommand: string;
  /** The command's own bad-input error, so its main prints it and exits 2 as for any other bad input. */
  readonly error: new (message: string) => Error;
}

/** node:util's token shapes (its typings keep them internal): what `tokens: true` returns. */
type OptionToken = {
  kind: "option";
  name: string;
  rawName: string;
  value: string | undefined;
  inlineValue: boolean | undefined;
};
type Token = OptionToken | { kind: "positional"; value: string } | { kind: "option-terminator" };

/** Parses `argv` or throws `spec.error` with a message that names the flag, what is wrong and a Fix line. */
export function parseCommandLine<F extends FlagSpecs>(
  argv: readonly string[],
  spec: CommandLineSpec<F>,
): FlagValues<F> {
  // Not strict: it reports the first problem in its own words, or not at all (a repeated flag); the tokens
  // let every problem below be named with the flag as typed.
  const tokens: Token[] = parseArgs({ args: [...argv], options: spec.flags, strict: false, tokens: true }).tokens;
  const misuse = tokens.map((token) => tokenProblem(token, spec)).find((found) => found !== undefined);
  if (misuse !== undefined) throw new spec.error(`${misuse}\nFix: see \`${spec.helpCommand}\` for the options.`);
  const repeated = repeatedFlag(tokens, spec);
  if (repeated !== undefined)
    throw new spec.error(`${repeated.problem}\nFix: keep one \`--${repeated.name}\` and run again.`);
  try {
    return parseArgs({ args: [...argv], options: spec.flags, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // Only for a case the checks above do not know; parseArgs' own message still names the flag.
    throw new spec.error(`${(error as Error).message}\nFix: see \`${spec.helpCommand}\``);
  }
}

function tokenProblem<F extends FlagSpecs>(token: Token, spec: CommandLineSpec<F>): string | undefined {
  if (token.kind === "positional") {
    const argument = shown(token.value, undefined, spec);
    return `\`${argument}\` is not an option: this command takes no arguments without a flag.`;
  }
  if (token.kind !== "option") return undefined;
  const flag = spec.flags[token.name];
  if (flag === undefined) return unknownFlag(token, spec);
  if (flag.type === "boolean" && token.value !== undefined) {
    return `\`${token.rawName}\` is a switch and takes no value (got \`${token.rawName}=...\`).`;
  }
  if (flag.type === "string" && token.value === undefined) {
    return `\`${token.rawName}\` needs a value: \`${token.rawName} <value>\`.`;
  }
  if (flag.type === "string" && !token.inlineValue && token.value?.startsWith("-")) {
    // `--env --json`: parseArgs would read `--json` as the environment.
    const next = isFlagOf(spec, token.value) ? token.value : shown(token.value, token.name, spec);
    return `\`${token.rawName}\` needs a value, and got the flag \`${next}\` instead.`;
  }
  return undefined;
}

function unknownFlag<F extends FlagSpecs>(token: OptionToken, spec: CommandLineSpec<F>): string {
  const known = Object.keys(spec.flags).map((name) => `--${name}`);
  // A longer spelling of a flag (`--environment` for `--env`) is too far for an edit distance; a prefix is not.
  const likely =
    nearest(token.rawName, known) ?? known.find((flag) => flag.length > 3 && token.rawName.startsWith(flag));
  // Begins as parseArgs' own message does, which users and scripts may already know.
  const suggestion = likely ? ` Did you mean \`${likely}\`?` : "";
  return `Unknown option '${token.rawName}'.${suggestion} This command's options: ${known.join(", ")}.`;
}

/** The first flag without `multiple: true` that is given more than once, with each value it was given. */
function repeatedFlag<F extends FlagSpecs>(
  tokens: Token[],
  spec: CommandLineSpec<F>,
): { name: string; problem: string } | undefined {
  const given = new Map<string, OptionToken[]>();
  for (const token of tokens) {
    if (token.kind !== "option" || spec.flags[token.name]?.multiple) continue;
    given.set(token.name, [...(given.get(token.name) ?? []), token]);
  }
  const [name, repeats] = [...given].find(([, list]) => list.length > 1) ?? [];
  if (name === undefined || repeats === undefined) return undefined;
  const each = repeats.map(
    (token) => `\`${token.rawName}${token.value === undefined ? "" : ` ${shown(token.value, name, spec)}`}\``,
  );
  return { name, problem: `--${name} is given ${repeats.length} times, and it may be given once: ${each.join(", ")}.` };
}

function isFlagOf<F extends FlagSpecs>(spec: CommandLineSpec<F>, text: string): boolean {
  return Object.entries(spec.flags).some(([name, flag]) => text === `--${name}` || text === `-${flag.short}`);
}

/** A value as a message may show it: a secret flag's value never is. */
function shown<F extends FlagSpecs>(value: string, flag: string | undefined, spec: CommandLineSpec<F>): string {
  return flag !== undefined && spec.secretFlags?.includes(flag) ? "<secret, not shown>" : value;
}
