// Where the program called each data source. The mocks answer asynchronously, when the program's own frames are
// gone, so the call site is taken when the program calls the SDK: @pulumi/aws's functions call
// `pulumi.runtime.invoke` (or `invokeOutput`, …) through the runtime module's exports object, which `__export`
// filled with plain, writable copies (@pulumi/pulumi runtime/index.js), so wrapping them there sees every call.
import * as path from "node:path";

const INVOKES = ["invoke", "invokeOutput", "invokeSingle", "invokeSingleOutput"] as const;

/** Wraps the SDK's invoke functions, once per process; the returned map holds the last site that called each token. */
export function recordCallSites(runtime: Record<string, unknown>, projectDir: string): Map<string, string> {
  const sites = new Map<string, string>();
  for (const name of INVOKES) {
    const original = runtime[name];
    if (typeof original !== "function") continue;
    runtime[name] = function (this: unknown, token: string, ...rest: unknown[]) {
      const site = programFrame(new Error().stack ?? "", projectDir);
      if (site) sites.set(token, site);
      return (original as (...args: unknown[]) => unknown).call(this, token, ...rest);
    };
  }
  return sites;
}

/** The first frame of a stack in the program's own files (not its node_modules), as `file:line` from its folder. */
export function programFrame(stack: string, projectDir: string): string | undefined {
  const frame = stack
    .split("\n")
    .map((line) => /\(?((?:file:\/\/)?(?:\/|[A-Za-z]:\\)[^():]+):(\d+):\d+\)?$/.exec(line.trim()))
    .map((m) => m && ([m[1]!.replace(/^file:\/\//, ""), m[2]!] as const))
    .find((m) => m && m[0].startsWith(projectDir + path.sep) && !m[0].includes(`${path.sep}node_modules${path.sep}`));
  return frame ? `${path.relative(projectDir, frame[0])}:${frame[1]}` : undefined;
}
