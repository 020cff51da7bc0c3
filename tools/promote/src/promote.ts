// One promotion: choose the image, refuse what must be refused, plan the target with it, then write.
import { readFileSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import {
  chooseServiceProject,
  ServiceProjectError,
  type ServiceProject,
} from "@platform/config-files/service-projects";
import { createTwoFilesPatch } from "diff";
import { ENVIRONMENT_PROFILES, type Environment } from "@platform/config/environments";
import { checkOrder, InputError, type Deployed, type PromoteArgs } from "./args";
import { replaceFile } from "./replace-file";
import { planWithCandidate, repositoryRoot, type PlanVerdict } from "./plan-check";
import { sameImage, sourceImage } from "./source-image";
import { imageKeyOf, readStackFile, serviceStackFile, withImage } from "./stack-image";

export interface PromotionResult {
  /** The service promoted: its Pulumi project name. */
  readonly service: string;
  readonly from: string | null;
  readonly to: string;
  readonly image: string;
  readonly previousImage: string | null;
  readonly changed: boolean;
  /** null when nothing was planned because the target already runs the image. */
  readonly plan: PlanVerdict | null;
  readonly stackFile: string;
  /** The same file relative to the workspace, `/`-separated: what a pull request of the promotion commits. */
  readonly stackFilePath: string;
  /** Unified diff of the target stack file ("" when nothing changes). */
  readonly diff: string;
  readonly written: boolean;
  /** The source's deployment the image came from (--deployed), or null. */
  readonly deployed: { readonly commit: string; readonly at: string } | null;
}

/** The stack file a promotion would write: its path relative to the workspace, and its text. */
export interface Candidate {
  /** The service's project folder, workspace-relative (`projects/shop`): with its upstreams, what is planned. */
  readonly project: string;
  readonly stackFile: string;
  readonly text: string;
}

/** What plans the target environment with the candidate stack file: the offline plan, unless a test says otherwise. */
export type Planner = (workspace: string, env: string, candidate: Candidate) => Promise<PlanVerdict>;

export async function promote(
  args: PromoteArgs,
  progress: (line: string) => void,
  planner: Planner = planWithCandidate,
): Promise<PromotionResult> {
  const workspace = resolve(args.workspace ?? repositoryRoot);
  const skipped = checkOrder(args);
  const service = chosenService(workspace, args.service);
  const deployed = args.deployed === undefined ? undefined : { workspace, commit: args.deployed.commit };
  if (args.deployed !== undefined) checkSoak(args.from!, args.to, args.deployed, now());
  const source = await sourceImage(service, args.from, args.image, deployed);
  const targetPath = serviceStackFile(service, args.to);
  const target = readStackFile(targetPath, imageKeyOf(service.name));
  const displayPath = relative(workspace, targetPath).split(sep).join("/");
  const base = {
    service: service.name,
    from: args.from ?? null,
    to: args.to,
    image: source.image,
    previousImage: target.image ?? null,
    stackFile: targetPath,
    stackFilePath: displayPath,
    deployed: args.deployed === undefined ? null : { commit: args.deployed.commit, at: args.deployed.at.toISOString() },
  };

  if (sameImage(target.image, source.image)) {
    return { ...base, changed: false, plan: null, diff: "", written: false };
  }

  const skip = skipped.length > 0 && args.reason !== undefined ? { stages: skipped, reason: args.reason } : undefined;
  const candidate = withImage(target, source.image, skip);
  const diff = createTwoFilesPatch(`a/${displayPath}`, `b/${displayPath}`, target.text, candidate, "", "", {
    context: 3,
  });
  progress(`Planning ${args.to} offline with ${service.name}'s ${source.image} (from ${source.origin}) ...`);
  const plan = await planner(workspace, args.to, { project: service.root, stackFile: displayPath, text: candidate });
  if (!plan.ok || args.dryRun) return { ...base, changed: true, plan, diff, written: false };

  // The file must still be what was planned against; a concurrent edit would otherwise be overwritten.
  if (readFileSync(targetPath, "utf8") !== target.text) {
    throw new InputError(`${displayPath} changed while the plan ran.\nFix: run the promotion again`);
  }
  replaceFile(targetPath, candidate, displayPath);
  return { ...base, changed: true, plan, diff, written: true };
}

/** The service given with --service, or the workspace's only one; a refusal is bad input (exit 2). */
function chosenService(workspace: string, given: string | undefined): ServiceProject {
  try {
    return chooseServiceProject(workspace, given);
  } catch (error) {
    if (error instanceof ServiceProjectError) throw new InputError(error.message);
    throw error;
  }
}

/** The clock a soak time is measured with; tests set PROMOTE_NOW (ISO 8601) instead of waiting hours. */
const now = () => new Date(process.env.PROMOTE_NOW ?? Date.now());

/** Refuses an image that has not yet run, since its verified deployment, the soak time the target asks. */
function checkSoak(from: string, to: string, deployed: Deployed, at: Date): void {
  const hours = ENVIRONMENT_PROFILES[to as Environment].promotionSoakHours ?? 0;
  const ran = (at.getTime() - deployed.at.getTime()) / 3_600_000;
  if (ran >= hours) return;
  const ready = new Date(deployed.at.getTime() + hours * 3_600_000).toISOString();
  throw new InputError(
    `${from} runs the image since ${deployed.at.toISOString()} (commit ${deployed.commit}): ${ran.toFixed(1)} h; ` +
      `${to} takes an image after ${hours} h in ${from} (\`promotionSoakHours\` of ${to}'s profile, ` +
      `libs/config/src/environments.ts).\nFix: promote again after ${ready}`,
  );
}
