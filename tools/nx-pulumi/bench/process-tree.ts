// What a process tree costs, read from /proc (Linux): the CPU of every descendant this process has waited for,
// and the memory of a live tree, sampled.
import { readdirSync, readFileSync } from "node:fs";

/**
 * User + system seconds of every child this process has waited for, and of theirs (the kernel's cutime and cstime,
 * fields 16 and 17 of /proc/self/stat): a whole process tree's CPU, once it has exited.
 */
export function childrenCpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

export interface MemoryPeak {
  /** The largest sum of PSS over the tree seen at one sample: shared pages are split between their users. */
  readonly treePssMB: number;
  /** The largest peak RSS (VmHWM) of a single process of the tree, as `/usr/bin/time -f %M` reports it. */
  readonly largestProcessRssMB: number;
  readonly samples: number;
}

/** Samples the memory of `rootPid` and its descendants every `intervalMs` until stopped. */
export function sampleMemory(rootPid: number, intervalMs = 200): { stop(): MemoryPeak } {
  let treeKB = 0;
  let largestKB = 0;
  let samples = 0;
  const sample = () => {
    let sum = 0;
    for (const pid of descendants(rootPid)) {
      const pss = kilobytes(`/proc/${pid}/smaps_rollup`, "Pss");
      const hwm = kilobytes(`/proc/${pid}/status`, "VmHWM");
      sum += pss;
      largestKB = Math.max(largestKB, hwm);
    }
    treeKB = Math.max(treeKB, sum);
    samples++;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { treePssMB: treeKB / 1024, largestProcessRssMB: largestKB / 1024, samples };
    },
  };
}

/** `rootPid` and every process below it, from each process's parent in /proc/<pid>/stat. */
function descendants(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOrEmpty(`/proc/${entry}/stat`);
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid)!.push(Number(entry));
  }
  const found: number[] = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift()!;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** A `Key:   123 kB` line of a /proc file; 0 once the process is gone (it may exit between listing and reading). */
function kilobytes(file: string, key: string): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(readOrEmpty(file));
  return match ? Number(match[1]) : 0;
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
