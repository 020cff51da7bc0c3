import { execFile } from "node:child_process";
import { join } from "node:path";
import { describeError } from "../src";

const TOKEN = "ghp_" + "Unc4ughtN0tSh0wn0123456789abcdefABCD";
const root = join(__dirname, "..", "..", "..");

describe("describeError, the one line an unexpected error prints", () => {
  const parseError = (() => {
    try {
      JSON.parse(`{"auth": "${TOKEN}",}`);
    } catch (error) {
      return error;
    }
  })();

  it.each([
    [
      "an Error",
      new Error(`boom near ${TOKEN}\n    at secret (file.ts:1:1)`),
      "Error: boom near <looks like a token, not shown>",
    ],
    [
      "a system error",
      Object.assign(new Error("EACCES: permission denied, open '/sys/plan.md'"), { code: "EACCES" }),
      "Error: EACCES: permission denied, open '/sys/plan.md'",
    ],
    [
      "a parser's error, whose message quotes the input",
      parseError,
      "SyntaxError (its message is not shown: it may quote the input)",
    ],
    [
      "a timeout",
      new DOMException("The operation was aborted due to timeout", "TimeoutError"),
      "TimeoutError: The operation was aborted due to timeout",
    ],
    ["a thrown string", TOKEN, "string thrown"],
  ])("describes %s without a stack or the input", (_what, error, line) => {
    expect(describeError(error)).toBe(line);
  });
});

/**
 * Each launcher, started as `npm start`, `npm run promote` and `npm run preflight` start it, with `--help`, and
 * an error thrown outside any `main` right after it loaded: what the launcher's handler prints.
 */
function crashLauncher(bin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `
    process.argv = [process.argv[0], ${JSON.stringify(bin)}, "--help"];
    setTimeout(() => { throw new Error("crash near ${TOKEN}"); }, 0);
    require(${JSON.stringify(bin)});`;
  return new Promise((resolve) => {
    execFile(process.execPath, ["-e", script], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

describe("every launcher's uncaught-error handler", () => {
  it.each([
    ["npm start", "tools/offline-plan/bin/plan.js"],
    ["promote", "tools/promote/bin/promote.js"],
    ["preflight", "tools/preflight/bin/preflight.js"],
  ])(
    "%s prints one line, no stack and no input, and exits 1",
    async (command, bin) => {
      const { code, stderr } = await crashLauncher(join(root, bin));
      expect(code).toBe(1);
      expect(stderr).toBe(`${command}: unexpected error: Error: crash near <looks like a token, not shown>\n`);
    },
    60_000,
  );
});
