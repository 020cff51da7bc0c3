import { type ListenerRule, listenerRuleOf } from "@platform/config-files/listener-rules";
import { findServiceProjects } from "@platform/config-files/service-projects";
import { readStackConfig } from "@platform/config-files/stack-files";

/** The listener rule of every service project in `env`, read from its stack file. */
export function serviceRulesOf(root: string, env: string): ListenerRule[] {
  return findServiceProjects(root).flatMap(({ name, dir }) => {
    const stack = readStackConfig(dir, env);
    if (!stack.exists) return [];
    const rule = listenerRuleOf(name, (key) => parsed(stack.values[key]));
    return rule ? [rule] : [];
  });
}

/** A stack file value as the reader gives it (lists and numbers as JSON text), parsed. */
function parsed(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
