// Which image is promoted: the one the source environment runs (it must be pinned by digest), or the one
// given with --image, whose tag the registry resolves to the digest it serves.
import { execFileSync } from "node:child_process";
import { relative, sep } from "node:path";
import type { ServiceProject } from "@platform/config-files/service-projects";
import { parseImageReference, tryParseImageReference, type ImageReference } from "@platform/image-ref";
import { RegistryError, resolveManifest } from "@platform/registry-client";
import { InputError } from "./args";
import { imageKeyOf, readStackFile, serviceStackFile, stackFileOf } from "./stack-image";

export interface SourceImage {
  /** The reference written into the target: `<host>/<repository>@<digest>`. */
  readonly image: string;
  /** Where it came from, for the report: the source stack file, or the registry that resolved the tag. */
  readonly origin: string;
}

export async function sourceImage(
  service: ServiceProject,
  from: string | undefined,
  given: string | undefined,
  deployed?: { workspace: string; commit: string },
) {
  return from !== undefined ? fromEnvironment(service, from, deployed) : fromReference(given ?? "");
}

/**
 * The source stack file: as its environment's deployment ran it (at that commit), or as committed here. Only
 * the first was deployed and verified: main may hold a digest whose deploy or smoke test failed.
 */
function sourceFile(service: ServiceProject, from: string, deployed?: { workspace: string; commit: string }) {
  const path = serviceStackFile(service, from);
  const key = imageKeyOf(service.name);
  if (deployed === undefined) return readStackFile(path, key);
  const inRepository = relative(deployed.workspace, path).split(sep).join("/");
  try {
    const text = execFileSync("git", ["show", `${deployed.commit}:${inRepository}`], {
      cwd: deployed.workspace,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return stackFileOf(`${inRepository} at ${deployed.commit}`, key, text);
  } catch {
    throw new InputError(
      `${inRepository} is not in commit ${deployed.commit}, which ${from} last deployed: ${from} does not run ` +
        `${service.name} yet.\nFix: deploy ${service.name} to ${from} first (a pull request pinning its image)`,
    );
  }
}

function fromEnvironment(
  service: ServiceProject,
  from: string,
  deployed?: { workspace: string; commit: string },
): SourceImage {
  const imageKey = imageKeyOf(service.name);
  const file = sourceFile(service, from, deployed);
  if (file.image === undefined) {
    throw new InputError(`${file.path} has no \`${imageKey}\`, so ${from} has no image to promote.`);
  }
  const ref = parsed(file.image, `\`${imageKey}\` in ${file.path}`);
  if (ref.digest === undefined) {
    throw new InputError(
      `\`${imageKey}\` in ${file.path} is ${file.image}, pinned by tag; only a digest is promotable, because a ` +
        `tag can point at another image by the time ${from}'s image reaches the next stage.\n` +
        `Fix: pin ${from} first: npm run promote -- --service ${service.name} --to ${from} --image ${file.image} ` +
        `(resolves the tag to its digest), then promote from ${from}`,
    );
  }
  return { image: pinned(ref, ref.digest), origin: file.path };
}

async function fromReference(given: string): Promise<SourceImage> {
  const ref = parsed(given, "--image");
  if (ref.digest !== undefined) return { image: pinned(ref, ref.digest), origin: "--image" };
  if (ref.tag === undefined) {
    const fix = `Fix: --image ${given}:<tag> or --image ${given}@sha256:<hex>`;
    throw new InputError(`--image ${given} has neither a tag nor a digest.\n${fix}`);
  }
  try {
    const resolved = await resolveManifest(ref);
    return { image: pinned(ref, resolved.digest), origin: `${ref.host} (${ref.tag} → ${resolved.digest})` };
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    throw new InputError(
      `Cannot resolve --image ${given} to a digest: ${error.message}.\n` +
        `Fix: set REGISTRY_HOST=${ref.host} with REGISTRY_USERNAME/REGISTRY_PASSWORD (or docker login ${ref.host}) ` +
        "for a user that may pull it, " +
        "or pass the digest: --image <repository>@sha256:<hex>",
    );
  }
}

function parsed(text: string, where: string): ImageReference {
  const result = tryParseImageReference(text);
  if (!result.ok) throw new InputError(`${where}: ${result.error}`);
  return result.value;
}

/** Digest-only form: a tag next to a digest is ignored by runtimes and would only mislead a reader. */
function pinned(ref: ImageReference, digest: string): string {
  return `${ref.host}/${ref.repository}@${digest}`;
}

/** Same image: host, repository and digest equal (the tag, if any, does not matter once a digest is given). */
export function sameImage(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const left = tryParseImageReference(a);
  if (!left.ok || left.value.digest === undefined) return false;
  const right = parseImageReference(b);
  const { host, repository, digest } = left.value;
  return host === right.host && repository === right.repository && digest === right.digest;
}
