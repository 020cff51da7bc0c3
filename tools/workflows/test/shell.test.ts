import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bashWithoutShellKey, bashWithPipefail } from "./support/shell";

// A step like the old promote.yml's: the command fails, its output is piped into tee.
const script = join(mkdtempSync(join(tmpdir(), "shell-")), "step.sh");
writeFileSync(script, 'sh -c "echo refused >&2; exit 1" | tee /dev/null\necho "the step went on"\n');
const run = (shell: string) => {
  const [program, ...args] = shell.replace("{0}", script).split(" ");
  return spawnSync(program!, args, { encoding: "utf8" });
};

describe("the shell GitHub runs a step with", () => {
  it("without shell: (bash -e) lets a failed command piped into tee pass", () => {
    const result = run(bashWithoutShellKey);
    expect([result.status, result.stdout]).toEqual([0, "the step went on\n"]);
  });

  it("with shell: bash (bash --noprofile --norc -eo pipefail) fails the step there", () => {
    const result = run(bashWithPipefail);
    expect([result.status, result.stdout]).toEqual([1, ""]);
  });
});
