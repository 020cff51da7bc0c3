// Output files a command writes on request (`--markdown <file>`). Opened with O_NOFOLLOW: a link at that
// path, planted before or during a run, makes the write fail instead of replacing whatever it points to
// (a tracked file, a stack file). The folder part may be a link; git and the tracked-file guard judge
// the real folder.
import { closeSync, constants, openSync, writeSync } from "node:fs";

/** The reason a write failed, as one line without a stack: "ELOOP: ... is a symbolic link". */
export class OutputFileError extends Error {}

export function writeOutputFile(file: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o666);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ELOOP") throw new OutputFileError(`${file} is a symbolic link; it is not written through`);
    throw new OutputFileError(`${file} could not be opened for writing (${code ?? (error as Error).message})`);
  }
  try {
    writeSync(fd, text);
  } catch (error) {
    throw new OutputFileError(`${file} could not be written (${(error as { code?: string }).code ?? "unknown"})`);
  } finally {
    closeSync(fd);
  }
}
