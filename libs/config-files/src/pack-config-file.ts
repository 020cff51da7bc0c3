// Policy pack config files (`--policy-pack-config`, the pack's config/<env>.json), read and shaped here once for
// every reader: the offline plan, which sends them to any pack as the Pulumi CLI would, the pack's scripts and
// tests, and the benchmarks. One reader means one answer on levels (the SDK's four, `remediate` included) and on
// an empty file (no settings, as the CLI reads it). What a file may waive, and on what terms, is waivers.ts.
import { readFileSync } from "node:fs";
import { ENFORCEMENT_LEVELS, isEnforcementLevel, type EnforcementLevel } from "./enforcement-levels";

/** One policy's settings, as the engine merges them: a level, properties, or both. */
export interface PolicySetting {
  enforcementLevel?: EnforcementLevel;
  properties?: Record<string, unknown>;
}

export interface PackConfig {
  /** The file as messages name it. */
  readonly file: string;
  /** The JSON object as written: what waivers and the pack's own checks read. */
  readonly doc: Readonly<Record<string, unknown>>;
  /** Each entry as a level and properties, as the engine sends it with `Configure`. */
  readonly settings: Readonly<Record<string, PolicySetting>>;
}

const SHAPE = `a JSON object of policy names (or "all") to a level (${ENFORCEMENT_LEVELS.join(", ")}) or to { "enforcementLevel", ...properties }`;

/** Reads and shapes a config file; throws with the file named when it cannot be read or has the wrong shape. */
export function readPackConfigFile(path: string, file: string = path): PackConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new Error(`Cannot read policy pack config ${file}: ${(err as Error).message}`);
  }
  return parsePackConfig(text, file);
}

/** The same from the file's text; empty text is no settings, as the CLI reads it. */
export function parsePackConfig(text: string, file: string): PackConfig {
  if (!text.trim()) return packConfigOf({}, file);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(
      `Policy pack config ${file} is not valid JSON: ${(err as Error).message}. Fix: correct the JSON, or leave the file empty for no settings.`,
    );
  }
  return packConfigOf(doc, file);
}

/** The same from a document already parsed (a test's or a benchmark's config). */
export function packConfigOf(doc: unknown, file: string): PackConfig {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new Error(`Policy pack config ${file} must be ${SHAPE}; got ${JSON.stringify(doc)}.`);
  }
  const record = doc as Record<string, unknown>;
  return { file, doc: record, settings: settingsOf(record, file) };
}

function settingsOf(doc: Record<string, unknown>, file: string): Record<string, PolicySetting> {
  const result: Record<string, PolicySetting> = {};
  const levels = ENFORCEMENT_LEVELS.join(", ");
  for (const [policy, value] of Object.entries(doc)) {
    const where = `\`${policy}\` in ${file}`;
    if (typeof value === "string") {
      if (!isEnforcementLevel(value))
        throw new Error(`${where} is "${value}", which is not an enforcement level: use ${levels}.`);
      result[policy] = { enforcementLevel: value };
    } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const { enforcementLevel, ...properties } = value as Record<string, unknown>;
      if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
        throw new Error(`${where} has \`enforcementLevel: ${JSON.stringify(enforcementLevel)}\`: use ${levels}.`);
      }
      result[policy] = {
        ...(enforcementLevel ? { enforcementLevel } : {}),
        ...(Object.keys(properties).length ? { properties } : {}),
      };
    } else {
      throw new Error(`${where} is ${JSON.stringify(value)}: it must be an enforcement level or an object.`);
    }
  }
  return result;
}

/** The level a config gives a rule: its own, else `all`'s, else none (the rule's default). */
export function configuredLevel(doc: Readonly<Record<string, unknown>>, rule: string): EnforcementLevel | undefined {
  const entry = doc[rule];
  const own =
    typeof entry === "string" ? entry : (entry as { enforcementLevel?: unknown } | undefined)?.enforcementLevel;
  const level = own ?? doc.all;
  return isEnforcementLevel(level) ? level : undefined;
}

/** Whether the file sets any level at all: without one, a pack runs on its built-in levels. */
export const setsAnyLevel = ({ settings }: PackConfig): boolean =>
  Object.values(settings).some((setting) => setting.enforcementLevel !== undefined);
