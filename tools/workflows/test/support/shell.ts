// The shell GitHub runs a `run:` step with (docs: "jobs.<job_id>.steps[*].shell"): the step's `shell:`, else
// the job's `defaults.run.shell`, else the workflow's. `bash` runs as `bash --noprofile --norc -eo pipefail {0}`;
// with no shell named, a Linux runner uses `bash -e {0}`, without pipefail, so `cmd | tee` passes when cmd fails.
import { mappingOf, type Job, type Step, type Workflow } from "./workflows";

export const bashWithPipefail = "bash --noprofile --norc -eo pipefail {0}";
export const bashWithoutShellKey = "bash -e {0}";

export function declaredShell(workflow: Workflow, job: Job, step: Step): string | undefined {
  const shellOf = (owner: { defaults?: unknown } | undefined) =>
    mappingOf(mappingOf(mappingOf(owner as never).defaults).run).shell as string | undefined;
  return (step.declared.shell as string | undefined) ?? shellOf(job.declared) ?? shellOf(workflow.declared);
}

export function shellFor(workflow: Workflow, job: Job, step: Step): string {
  const shell = declaredShell(workflow, job, step);
  if (shell === undefined) return bashWithoutShellKey;
  if (shell === "bash") return bashWithPipefail;
  throw new Error(`${workflow.file}/${job.id}/${step.name}: shell ${shell} is not one these tests run`);
}
