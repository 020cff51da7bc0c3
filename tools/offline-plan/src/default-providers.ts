// The engine registers a default provider for each package a stack uses without an explicit
// provider (`pulumi:providers:aws` named `default_7_48_0`), configured from the stack's `<package>:*`
// config. `pulumi preview` shows it, analyzers see it as `provider`, so the plan adds it too.
import { type CapturedResource, defaultOptions, type WireObject } from "./types";
import { SECRET_SIG, SIG_KEY } from "@platform/policy-analyzer/wire-values";

const NO_PROVIDER_PREFIXES = ["pulumi:providers:", "pulumi:pulumi:"];

export class DefaultProviders {
  private readonly byKey = new Map<string, CapturedResource>();

  constructor(
    private readonly project: string,
    private readonly stack: string,
    private readonly config: Record<string, string>,
    private readonly secretKeys: string[],
  ) {}

  /** The default provider a resource uses, and whether it is new in this stack (to be registered first). */
  forResource(resource: CapturedResource): { provider: CapturedResource; created: boolean } | undefined {
    if (
      resource.provider ||
      !(resource.custom || resource.remote) ||
      NO_PROVIDER_PREFIXES.some((p) => resource.type.startsWith(p))
    ) {
      return undefined;
    }
    const pkg = resource.type.split(":")[0]!;
    const key = `${pkg}@${resource.packageVersion}`;
    const existing = this.byKey.get(key);
    if (existing) return { provider: existing, created: false };
    const name = resource.packageVersion ? `default_${resource.packageVersion.replace(/[.+-]/g, "_")}` : "default";
    const inputs = {
      ...this.packageConfig(pkg),
      ...(resource.packageVersion ? { version: resource.packageVersion } : {}),
    };
    const provider: CapturedResource = {
      urn: `urn:pulumi:${this.stack}::${this.project}::pulumi:providers:${pkg}::${name}`,
      type: `pulumi:providers:${pkg}`,
      name,
      operation: "register",
      custom: true,
      remote: false,
      parent: "",
      provider: "",
      packageVersion: resource.packageVersion,
      inputs,
      outputs: inputs,
      dependencies: [],
      propertyDependencies: {},
      options: defaultOptions(),
    };
    this.byKey.set(key, provider);
    return { provider, created: true };
  }

  /** `aws:region` -> `region`; lists and maps as values, secrets marked as secrets. */
  private packageConfig(pkg: string): WireObject {
    const result: WireObject = {};
    for (const [key, text] of Object.entries(this.config)) {
      if (!key.startsWith(`${pkg}:`)) continue;
      const value = /^\s*[[{]/.test(text) ? tryJson(text) : text;
      result[key.slice(pkg.length + 1)] = this.secretKeys.includes(key) ? { [SIG_KEY]: SECRET_SIG, value } : value;
    }
    return result;
  }
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
