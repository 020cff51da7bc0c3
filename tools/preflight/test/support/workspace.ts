import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { SERVICE_COMPONENT_PACKAGE } from "@platform/config-files/service-projects";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";

export const ACCOUNT = "210987654321";
export const REGION = "eu-central-1";
export const CERTIFICATE_ARN = `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9`;

export interface StackOverrides {
  readonly image?: string;
  readonly accounts?: Partial<Record<"networking" | "registry-access" | "service", string[]>>;
  readonly certificateArn?: string;
  /** registry-access's config, e.g. `{ "registry-access:registries": [...] }`. */
  readonly registryAccess?: Record<string, unknown>;
}

/**
 * A workspace root with the three projects' Pulumi.yaml and one environment's stack files, as a user would edit
 * them; the service's package.json depends on the service component, which is what makes it a service.
 */
export function writeWorkspace(env: string, overrides: StackOverrides = {}): { root: string; remove(): void } {
  const root = mkdtempSync(path.join(tmpdir(), "preflight-"));
  const config = {
    networking: {
      ...(env === "prod" ? { "networking:certificateArn": overrides.certificateArn ?? CERTIFICATE_ARN } : {}),
    },
    "registry-access": overrides.registryAccess ?? {},
    service: { "service:image": overrides.image ?? "ghcr.io/acme/api-private:1.0" },
  };
  for (const [project, values] of Object.entries(config)) {
    const dir = path.join(root, "projects", project);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "Pulumi.yaml"), stringify({ name: project, runtime: "nodejs" }));
    if (project === "service") {
      const manifest = { name: "service", dependencies: { [SERVICE_COMPONENT_PACKAGE]: "0.1.0" } };
      writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest));
    }
    const accounts = overrides.accounts?.[project as keyof typeof config] ?? [ACCOUNT];
    writeFileSync(
      path.join(dir, `Pulumi.${env}.yaml`),
      stringify({ config: { "aws:region": REGION, "aws:allowedAccountIds": accounts, ...values } }),
    );
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Runs the preflight's main with captured output. */
export async function runPreflight(main: typeof import("../../src/cli").main, root: string, argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { root, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
