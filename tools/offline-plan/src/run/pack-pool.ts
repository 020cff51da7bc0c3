// Policy packs shared by every plan of one run (`--env all`, `--diff`): a pack starts once per distinct
// configuration, not once per stack or per environment. Two uses are the same configuration when they
// name the same pack folder and policy config of the same content (dev and staging often share one).
import { createHash } from "node:crypto";
import { readFileSync, realpathSync } from "node:fs";
import { PolicyPack } from "../pack/policy-pack";

export interface PackSpec {
  dir: string;
  /** The policy config file, or null for the pack's defaults. */
  config: string | null;
}

export class PackPool {
  private readonly packs = new Map<string, PolicyPack>();

  constructor(
    private readonly workspaceRoot: string,
    private readonly startedAt: number,
  ) {}

  get(spec: PackSpec): PolicyPack {
    const key = `${realpathSync(spec.dir)}\0${spec.config ? digest(spec.config) : ""}`;
    let pack = this.packs.get(key);
    if (!pack) {
      pack = new PolicyPack(spec.dir, spec.config, this.workspaceRoot, this.startedAt);
      this.packs.set(key, pack);
    }
    return pack;
  }

  get started(): number {
    return this.packs.size;
  }

  /** Stops every pack once the run's plans are all done (a pack may serve several of them). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.packs.values()].map((pack) => pack.stop()));
  }
}

const digest = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");
