export { parseCommandLine } from "./parse-command-line";
export type { CommandLineSpec, FlagSpecs, FlagValues } from "./parse-command-line";
export { describeError, installUncaughtErrorHandler, writeSafely } from "./command-output";
export { OutputFileError, writeOutputFile } from "./output-file";
