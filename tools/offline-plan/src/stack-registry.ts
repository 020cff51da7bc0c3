// The stacks of one run, and the StackReferences between them. A program that references another
// stack waits here until that stack's program has finished, which orders the run by its references
// while every independent program runs in parallel.
import { fullyQualifiedName, type StackIdentity, type WireObject } from "./types";

interface Entry {
  identity: StackIdentity;
  index: number;
  finished: boolean;
  /** Resolves with the stack outputs, or with null when the program failed. */
  outputs: Promise<WireObject | null>;
  settle: (outputs: WireObject | null) => void;
}

export class StackRegistry {
  private readonly entries: Entry[] = [];
  /** `waitingOn` hears of each unfinished stack a program waits on (the run lets it start, see live-programs.ts). */
  constructor(private readonly waitingOn: (name: string) => void = () => {}) {}

  /** requester -> upstream stacks it referenced (fully-qualified names). */
  private readonly edges = new Map<string, Set<string>>();

  add(identity: StackIdentity): void {
    let settle!: (outputs: WireObject | null) => void;
    const outputs = new Promise<WireObject | null>((resolve) => (settle = resolve));
    this.entries.push({ identity, index: this.entries.length, finished: false, outputs, settle });
  }

  finish(identity: StackIdentity, outputs: WireObject | null): void {
    const entry = this.entry(fullyQualifiedName(identity))!;
    entry.finished = true;
    entry.settle(outputs);
  }

  /** The outputs a StackReference named `name` in `requester` resolves to; rejects with a message for the program. */
  async resolve(requester: StackIdentity, name: string): Promise<WireObject> {
    const from = fullyQualifiedName(requester);
    const target = this.match(requester, name);
    const to = fullyQualifiedName(target.identity);
    if (to === from)
      throw new Error(
        `StackReference \`${name}\` names the stack itself (${from}); a stack cannot read its own outputs.`,
      );
    const upstream = this.edges.get(from) ?? new Set<string>();
    upstream.add(to);
    this.edges.set(from, upstream);
    const cycle = this.cycleFrom(to, from);
    if (cycle)
      throw new Error(
        `StackReferences form a cycle, so none of these stacks can finish: ${[from, ...cycle].join(" → ")}.`,
      );
    if (!target.finished) this.waitingOn(to);
    const outputs = await target.outputs;
    if (!outputs)
      throw new Error(
        `StackReference \`${name}\`: the upstream stack ${to} failed, so its outputs are unknown (see its error).`,
      );
    return outputs;
  }

  /** Stacks in run order: every stack after the stacks it references, otherwise in the order given. */
  order(): StackIdentity[] {
    const placed = new Set<string>();
    const result: StackIdentity[] = [];
    const visit = (entry: Entry, path: Set<string>) => {
      const name = fullyQualifiedName(entry.identity);
      if (placed.has(name) || path.has(name)) return;
      path.add(name);
      for (const up of this.edges.get(name) ?? []) visit(this.entry(up)!, path);
      placed.add(name);
      result.push(entry.identity);
    };
    for (const entry of this.entries) visit(entry, new Set());
    return result;
  }

  private entry(name: string): Entry | undefined {
    return this.entries.find((e) => fullyQualifiedName(e.identity) === name);
  }

  /** Matches `org/project/stack`, `project/stack` or a bare `stack` (of the requester's project), as Pulumi does. */
  private match(requester: StackIdentity, name: string): Entry {
    const parts = name.split("/");
    const [org, project, stack] =
      parts.length === 3
        ? parts
        : parts.length === 2
          ? [undefined, parts[0], parts[1]]
          : [undefined, requester.project, parts[0]];
    const candidates = this.entries.filter((e) => e.identity.project === project && e.identity.stack === stack);
    // An organization the run does not know (no `<project>:org` config) matches any: offline there is only one.
    const found = candidates.find((e) => !org || e.identity.organization === org || !e.identity.organizationConfigured);
    if (found) return found;
    const inRun = this.entries.map((e) => fullyQualifiedName(e.identity)).join(", ");
    const sameProject = candidates[0]
      ? ` (${project}/${stack} is in this run as ${fullyQualifiedName(candidates[0].identity)})`
      : "";
    throw new Error(
      `StackReference \`${name}\` names a stack that is not part of this run${sameProject}. Stacks in this run: ${inRun}. ` +
        "Plan its project in the same run (--project <dir>), or check the organization, project and environment in the name.",
    );
  }

  /** A path of unfinished stacks waiting on each other from `start` back to `goal`, if there is one. */
  private cycleFrom(start: string, goal: string, seen = new Set<string>()): string[] | null {
    if (start === goal) return [goal];
    if (seen.has(start) || this.entry(start)?.finished) return null;
    seen.add(start);
    for (const next of this.edges.get(start) ?? []) {
      const rest = this.cycleFrom(next, goal, seen);
      if (rest) return [start, ...rest];
    }
    return null;
  }
}
