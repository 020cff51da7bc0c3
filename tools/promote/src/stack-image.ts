// Reads and rewrites a service's `<service>:image` in its Pulumi.<env>.yaml through the `yaml` library's
// document API, so comments, key order, quoting and every other line stay as they were.
import { lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ServiceProject } from "@platform/config-files/service-projects";
import { isMap, isScalar, parseDocument, type Document, type Scalar } from "yaml";
import { InputError } from "./args";

/** A service's config lives in its own namespace, its Pulumi project name. */
export const imageKeyOf = (service: string): string => `${service}:image`;
/** Marks the comment this tool writes, so the next regular promotion removes it instead of keeping a stale reason. */
const skipMarker = "promote: skipped";

export interface SkippedStages {
  readonly stages: readonly string[];
  readonly reason: string;
}

export interface StackFile {
  readonly path: string;
  /** The image key, `<service>:image`. */
  readonly key: string;
  readonly text: string;
  readonly image: string | undefined;
}

export function serviceStackFile(service: ServiceProject, env: string): string {
  return join(service.stackDir, `Pulumi.${env}.yaml`);
}

export function readStackFile(path: string, key: string): StackFile {
  const entry = lstatSync(path, { throwIfNoEntry: false });
  if (entry === undefined) {
    throw new InputError(`${path} does not exist.\nFix: create it, or run from the workspace root (--workspace <dir>)`);
  }
  if (!entry.isFile()) {
    // A promotion replaces the file; through a link it would replace the link, or write where it points.
    throw new InputError(
      `${path} is not a regular file (${entry.isSymbolicLink() ? "a symbolic link" : "not a file"}); promote edits ` +
        "only a regular stack file.\nFix: replace it with the file itself",
    );
  }
  return stackFileOf(path, key, readFileSync(path, "utf8"));
}

/** A stack file's text as read elsewhere (from a commit), with its image. */
export function stackFileOf(path: string, key: string, text: string): StackFile {
  const node = imageNode(parse(path, text), path, key);
  return { path, key, text, image: node === undefined ? undefined : String(node.value) };
}

/**
 * The stack file's text with its image key set to `image`. With a skip reason, the reason becomes the
 * comment on that line; without one, a reason left by an earlier skip is removed (it no longer applies).
 */
export function withImage(file: StackFile, image: string, skip: SkippedStages | undefined): string {
  const doc = parse(file.path, file.text);
  const node = imageNode(doc, file.path, file.key);
  if (node === undefined) {
    throw new InputError(
      `${file.path} has no \`${file.key}\` under \`config:\`.\n` +
        `Fix: add \`  ${file.key}: <image>\` under config: in ${file.path}`,
    );
  }
  node.value = image;
  // A plain scalar keeps the file's style; quoting is only needed if the text would not read back.
  if (node.type !== "QUOTE_DOUBLE" && node.type !== "QUOTE_SINGLE") node.type = "PLAIN";
  if (skip !== undefined) node.comment = ` ${skipMarker} ${skip.stages.join(", ")}: ${skip.reason}`;
  else if (node.comment?.trim().startsWith(skipMarker)) node.comment = undefined;
  // lineWidth 0: never fold the long digest-pinned image (or any other line) onto a second line. No padding
  // inside brackets: stack files write a list of paths as `[/shop/*]`, which the default would respace.
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  assertOnlyImageLineChanged(file, text);
  return text;
}

function parse(path: string, text: string): Document {
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (doc.errors.length > 0) {
    throw new InputError(`${path} is not valid YAML: ${doc.errors[0]!.message}\nFix: correct the YAML in ${path}`);
  }
  return doc;
}

function imageNode(doc: Document, path: string, imageKey: string): Scalar | undefined {
  const config = doc.get("config", true);
  if (config === undefined) return undefined;
  if (!isMap(config)) throw new InputError(`\`config\` in ${path} is not a mapping.\nFix: correct ${path}`);
  const node = config.get(imageKey, true);
  if (node === undefined) return undefined;
  if (!isScalar(node) || typeof node.value !== "string") {
    throw new InputError(
      `\`${imageKey}\` in ${path} is not a string (got ${JSON.stringify(node)}).\n` +
        `Fix: set it to an image reference such as ghcr.io/<owner>/<app>@sha256:<digest>`,
    );
  }
  return node;
}

/**
 * The promise made to reviewers: the diff is the image line and nothing else. The document API
 * round-trips our files exactly, but a file in a style it normalises would show unrelated changes.
 */
function assertOnlyImageLineChanged(file: StackFile, text: string): void {
  const before = file.text.split("\n");
  const after = text.split("\n");
  const changed = after.filter((line, i) => line !== before[i]);
  if (before.length !== after.length || changed.length > 1 || !changed.every((line) => line.includes(file.key))) {
    throw new InputError(
      `Rewriting \`${file.key}\` in ${file.path} would also reformat other lines.\n` +
        `Fix: edit ${file.path} by hand, or bring it into plain block style (one key per line)`,
    );
  }
}
