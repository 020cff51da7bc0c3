import type { PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { z } from "zod";
import { todayUtc, waiverProblems } from "@platform/config/waiver";
import type { Props } from "./props";
import type { RuleMetadata, RuleWithMetadata } from "./rule-metadata";
import { parseRuleConfig, ruleConfigSchema, toPolicyConfigSchema, type RuleException } from "./rule-config";
import { isUnknownValue, notJudged } from "./unknowns";

/** A rule's parsed config: its own options, defaults applied, plus `exceptions`. */
export type ConfigOf<S extends z.ZodRawShape> = z.output<z.ZodObject<S>> & {
  readonly exceptions: readonly RuleException[];
};

/** What a resource rule sees: the resource as the analyzer delivered it (props behind the SDK's proxy). */
export interface ResourceUnderCheck<C> {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** Inputs, behind the SDK's unknown-checking proxy: reading an unknown throws UnknownValueError. */
  readonly props: Props;
  readonly config: C;
  /**
   * One finding, one problem: name the container, image, statement or ARN. `level` reports this one finding below
   * the rule's level (a suspicion rather than a certainty, e.g. a secret-looking name whose value is unknown).
   */
  readonly report: (message: string, level?: "advisory") => void;
}

export interface StackUnderCheck<C> {
  readonly resources: readonly PolicyResource[];
  readonly config: C;
  readonly report: (message: string, urn: string) => void;
}

export interface RuleSpec<S extends z.ZodRawShape> extends RuleMetadata {
  /** The rule's own config keys (zod), beside `exceptions`; their JSON schema goes to the engine. */
  readonly options?: S;
}

/** The zod schema of a rule's config properties, for validating `config/<env>.json` files. */
interface RuleWithConfigParser {
  readonly configParser: z.ZodObject;
}

export type ResourceRule = ResourceValidationPolicy & RuleWithMetadata & RuleWithConfigParser;
export type StackRule = StackValidationPolicy & RuleWithMetadata & RuleWithConfigParser;
export type Rule = ResourceRule | StackRule;

function metadataOf(spec: RuleMetadata): RuleMetadata {
  const { name, description, cause, rationale, notCovered, fix, enforcementLevel, resourceTypes, references } = spec;
  return { name, description, cause, rationale, notCovered, fix, enforcementLevel, resourceTypes, references };
}

function policyFields(spec: RuleMetadata, schema: z.ZodObject) {
  return {
    name: spec.name,
    description: spec.description,
    enforcementLevel: spec.enforcementLevel,
    remediationSteps: spec.fix,
    configSchema: toPolicyConfigSchema(schema),
    metadata: metadataOf(spec),
    configParser: schema,
  };
}

/** Why an exception is not applied (no reason, no expiry, or past it), or undefined when it holds today. */
function exceptionRefusal(ruleName: string, exception: RuleException, index: number): string | undefined {
  const problems = waiverProblems(exception, `${ruleName}.exceptions[${index}]`, todayUtc());
  if (!problems.length) return undefined;
  return (
    `Exception for \`${exception.urn}\` in the config of \`${ruleName}\` is not applied: ${problems.join(" ")} ` +
    `Fix: give it "reason" and "expires", or remove it.`
  );
}

/**
 * The rule's parsed config. The engine sends config once (Configure) and every Analyze call reads it
 * back; parsing it with zod for every rule and every resource was a large share of the pack's own
 * time. Keyed by its JSON text, so a new Configure is parsed again.
 */
function configReader<C>(ruleName: string, schema: z.ZodObject): (raw: unknown) => C {
  let lastKey: string | undefined;
  let lastConfig: C | undefined;
  return (raw) => {
    const key = JSON.stringify(raw ?? {});
    if (key !== lastKey || lastConfig === undefined) {
      lastConfig = parseRuleConfig(ruleName, schema, raw) as C;
      lastKey = key;
    }
    return lastConfig;
  };
}

/** The types a rule reads, and its parsed config for the config the engine sends: what its validator needs. */
interface PreparedRule<C> {
  readonly types: ReadonlySet<string>;
  readonly configOf: (raw: unknown) => C;
}

/** Both kinds of rule: the policy's fields from the spec, plus the validator built on the prepared rule. */
function defineRule<S extends z.ZodRawShape, V>(spec: RuleSpec<S>, validator: (rule: PreparedRule<ConfigOf<S>>) => V) {
  const schema = ruleConfigSchema(spec.options ?? ({} as S));
  const prepared = { types: new Set(spec.resourceTypes), configOf: configReader<ConfigOf<S>>(spec.name, schema) };
  return { ...policyFields(spec, schema), ...validator(prepared) };
}

type Checked<S extends z.ZodRawShape, T> = RuleSpec<S> & { readonly check: (subject: T) => void | Promise<void> };
export type ResourceRuleSpec<S extends z.ZodRawShape> = Checked<S, ResourceUnderCheck<ConfigOf<S>>>;
export type StackRuleSpec<S extends z.ZodRawShape> = Checked<S, StackUnderCheck<ConfigOf<S>>>;
type NoOptions = Record<never, never>;

/** Runs a check; an unknown value that stopped it is reported as not judged, at the rule's own level. */
async function judged(reportViolation: ReportViolation, check: () => void | Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (!isUnknownValue(error)) throw error;
    reportViolation(notJudged(error));
  }
}

/** A rule that validates one resource at a time (the analyzer's `analyze` call). */
export function defineResourceRule<S extends z.ZodRawShape = NoOptions>(spec: ResourceRuleSpec<S>): ResourceRule {
  return defineRule(spec, ({ types, configOf }): Pick<ResourceRule, "validateResource"> => ({
    validateResource: async (args, reportViolation: ReportViolation) => {
      // First, before the config is even read: most rules read few types, and every resource goes to every rule.
      // Not `args.notApplicable()`: it throws, and @pulumi/pulumi keeps a debugger session enabled in the
      // pack process (closure serialization), which makes every throw slow. Called for each rule on each
      // resource of another type, it cost more than all the checks together (bench/). The engine then
      // reads the rule as passed for that resource instead of "not applicable", which only Pulumi Cloud's
      // policy results show. An exception for a resource the rule does not read waives nothing, so none is lost.
      if (!types.has(args.type)) return;
      const config = configOf(args.getConfig());
      const index = config.exceptions.findIndex((candidate) => candidate.urn === args.urn);
      if (index >= 0) {
        const refusal = exceptionRefusal(spec.name, config.exceptions[index]!, index);
        if (refusal === undefined) return;
        reportViolation(refusal);
      }
      await judged(reportViolation, () =>
        spec.check({
          type: args.type,
          name: args.name,
          urn: args.urn,
          props: args.props,
          config,
          report: (message, level) => {
            if (level === undefined) return reportViolation(message);
            // The object form sets the level of one diagnostic; the engine prints description, newline, message
            // for the string form, so the object's message is built the same way (@pulumi/policy server.js,
            // makeReportViolationFun).
            const diagnostic = { message: `${spec.description}\n${message}`, enforcementLevel: level };
            reportViolation(diagnostic as unknown as string);
          },
        }),
      );
    },
  }));
}

/** A rule that needs the whole stack (the analyzer's `analyzeStack` call). */
export function defineStackRule<S extends z.ZodRawShape = NoOptions>(spec: StackRuleSpec<S>): StackRule {
  return defineRule(spec, ({ types, configOf }): Pick<StackRule, "validateStack"> => ({
    validateStack: async (args, reportViolation: ReportViolation) => {
      const config = configOf(args.getConfig());
      const waived = new Set<string>();
      config.exceptions.forEach((exception, index) => {
        const refusal = exceptionRefusal(spec.name, exception, index);
        if (refusal === undefined) waived.add(exception.urn);
        else reportViolation(refusal, exception.urn);
      });
      if (!args.resources.some((resource) => types.has(resource.type))) {
        // Once per stack, so the throw costs nothing worth saving (see validateResource).
        args.notApplicable(`${spec.name} found none of ${spec.resourceTypes.join(", ")} in the stack`);
      }
      await judged(reportViolation, () =>
        spec.check({
          resources: args.resources,
          config,
          report: (message, urn) => {
            if (!waived.has(urn)) reportViolation(message, urn);
          },
        }),
      );
    },
  }));
}
