// The one write promote makes: the target stack file, replaced whole.
import { randomBytes } from "node:crypto";
import { lstatSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "./args";

/**
 * Writes `text` to a new file beside `path` and renames it over `path`, so a reader never sees half a file.
 * The temporary file is created exclusively ('wx': it fails on anything already there, a planted link
 * among them, rather than writing through it), with a random name, in the target's own folder (a rename
 * does not cross file systems). The target itself was checked to be a regular file, not a link.
 */
export function replaceFile(path: string, text: string, displayPath: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.promote-${randomBytes(6).toString("hex")}`);
  try {
    writeFileSync(temporary, text, { flag: "wx", mode: statSync(path).mode & 0o777 });
    if (!lstatSync(path).isFile()) throw new InputError(`${displayPath} is no longer a regular file; nothing written.`);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    if (error instanceof InputError) throw error;
    const code = (error as { code?: string }).code ?? "unknown";
    throw new InputError(
      `Could not write ${displayPath} (${code}); it is left unchanged.\nFix: check the folder's permissions and run again`,
    );
  }
}
