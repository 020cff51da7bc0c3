// One declaration per command: each flag's spec carries what parseArgs needs, its line of --help and, when the
// command uses the value in another form (a resolved path, a number), the conversion. The parser, the help text
// and the type of the parsed arguments all come from it, so a new flag is one entry in one object.
import { parseCommandLine, type CommandLineSpec, type FlagSpecs, type FlagValues } from "./parse-command-line";

/** What --help says about a flag, and how its value reaches the command. */
export interface FlagDoc {
  /** One sentence for --help; lines after the first are indented under it. */
  readonly help: string;
  /** The value's name in --help, for a flag that takes one: `<dir>`. */
  readonly value?: string;
  /** The key of the parsed arguments (default: the flag's name in camelCase). */
  readonly key?: string;
  /** The value as the command uses it (default: as parseArgs returns it). */
  readonly as?: (raw: never) => unknown;
  /** The command cannot run without it (unless `--help` is given). */
  readonly required?: boolean;
}

export type CommandFlags = { readonly [name: string]: FlagSpecs[string] & FlagDoc };

export interface CommandSpec<F extends CommandFlags> extends CommandLineSpec<F> {
  /** The first line of --help: `npm start -- [options]`. */
  readonly usage: string;
  /** What the command does, before the options. */
  readonly summary: string;
  /** What --help says after the options (exit codes). */
  readonly footer?: string;
}

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
type KeyOf<F extends CommandFlags, K extends keyof F & string> = F[K] extends { key: infer N extends string }
  ? N
  : CamelCase<K>;

/** The parsed arguments: one key per flag, typed by its conversion or by parseArgs. */
export type ArgsOf<F extends CommandFlags> = {
  readonly [K in keyof F & string as KeyOf<F, K>]: Given<
    F[K],
    F[K] extends { as: (raw: never) => infer T } ? T : K extends keyof FlagValues<F> ? FlagValues<F>[K] : never
  >;
};
/** A required flag's value is there once parsing succeeds; any other flag's may not be. */
type Given<Flag, T> = Flag extends { required: true }
  ? Exclude<T, undefined>
  : T | (Flag extends { default: unknown } ? never : undefined);

/** The spec as written, with its flags' literal types kept: what `ArgsOf` and the parser read. */
export const defineCommand = <const F extends CommandFlags>(spec: CommandSpec<F>): CommandSpec<F> => spec;

const camelCase = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** Parses `argv` as `spec` declares it; bad input throws `spec.error`, worded by parseCommandLine. */
export function parseCommand<F extends CommandFlags>(argv: readonly string[], spec: CommandSpec<F>): ArgsOf<F> {
  const values = parseCommandLine(argv, spec) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(spec.flags)) {
    const raw = values[name];
    if (flag.required && raw === undefined && values.help !== true) {
      const [what] = flag.help.split("\n");
      throw new spec.error(`--${name} is required: ${what}.\nFix: add --${name}${flag.value ? ` ${flag.value}` : ""}`);
    }
    args[flag.key ?? camelCase(name)] =
      flag.as && raw !== undefined ? (flag.as as (raw: unknown) => unknown)(raw) : raw;
  }
  return args as ArgsOf<F>;
}

/** The --help text: the usage line, the summary, one entry per flag in declaration order, the footer. */
export function helpText<F extends CommandFlags>(spec: CommandSpec<F>): string {
  const names = Object.entries(spec.flags).map(([name, flag]) => {
    const long = `--${name}${flag.value ? ` ${flag.value}` : ""}`;
    return flag.short ? `-${flag.short}, ${long}` : long;
  });
  const width = Math.max(...names.map((n) => n.length)) + 3;
  const options = Object.values(spec.flags).flatMap((flag, i) => {
    const [first, ...rest] = flag.help.split("\n");
    return [`  ${names[i]!.padEnd(width)}${first}`, ...rest.map((line) => `  ${" ".repeat(width)}${line}`)];
  });
  const footer = spec.footer ? `\n${spec.footer.trimEnd()}\n` : "";
  return `Usage: ${spec.usage}\n\n${spec.summary.trimEnd()}\n\nOptions:\n${options.join("\n")}\n${footer}`;
}
