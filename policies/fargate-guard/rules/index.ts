import type { Rule } from "../lib/rule";
import { privateImageCredentials } from "./private-image-credentials";

/** Every rule of the pack, in the order RULES.md lists them. */
export const allRules: readonly Rule[] = [privateImageCredentials];
