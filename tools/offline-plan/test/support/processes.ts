// Process bookkeeping for the signal tests: the processes a plan started are found by parent PID in
// /proc while it runs and recorded, never by name (a name would also match other engineers' plans).
import { readdirSync, readFileSync } from "node:fs";

interface ProcStat {
  pid: number;
  ppid: number;
  state: string;
  /** utime + stime, in clock ticks. */
  cpu: number;
}

function stat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: the fields after the last `)` are fixed.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // Fields 3, 4, 14 and 15 of proc(5), counted from the state.
    return { pid, ppid: Number(fields[1]), state: fields[0]!, cpu: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** Every living process below `root`, children first found by their parent PID. */
export function descendantsOf(root: number): number[] {
  const all = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .map(stat)
    .filter((s): s is ProcStat => !!s);
  const found: number[] = [];
  let frontier = [root];
  while (frontier.length) {
    const next = all.filter((s) => frontier.includes(s.ppid) && s.state !== "Z").map((s) => s.pid);
    found.push(...next);
    frontier = next;
  }
  return found;
}

/** A zombie has ended; only its exit status waits to be collected. */
export function isAlive(pid: number): boolean {
  const s = stat(pid);
  return !!s && s.state !== "Z" && s.state !== "X";
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined,
  timeoutMs = 60_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}
