/**
 * resolveManifest in a child process that trusts the committed test certificate (support/tls) the way a
 * person trusts a private CA: NODE_EXTRA_CA_CERTS, which Node reads only at start. So the https tests run
 * with certificate checks on, rather than turning them off in the test process.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import type { ManifestRequestOptions } from "../../src";

export type ChildOutcome = { digest: string } | { error: { name: string; message: string } };

const script = `
require("tsx/cjs/api").register();
const { resolveManifest } = require(${JSON.stringify(join(__dirname, "..", "..", "src"))});
const [image, options] = JSON.parse(process.argv[1]);
resolveManifest(image, options).then(
  (resolved) => process.stdout.write(JSON.stringify({ digest: resolved.digest })),
  (error) => process.stdout.write(JSON.stringify({ error: { name: error.name, message: error.message } })),
);`;

export function resolveTrustingTestCertificate(image: string, options: ManifestRequestOptions): Promise<ChildOutcome> {
  const env = { PATH: process.env.PATH ?? "", NODE_EXTRA_CA_CERTS: join(__dirname, "tls", "cert.pem") };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["-e", script, JSON.stringify([image, options])],
      { env, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`the child resolving ${image} failed: ${error.message}\n${stderr}`));
        resolve(JSON.parse(stdout) as ChildOutcome);
      },
    );
  });
}
