export { parseCommandLine } from "./parse-command-line";
export type { CommandLineSpec, FlagSpecs, FlagValues } from "./parse-command-line";
