import { PACK_DIR } from "../support/pack-process";
import { analyzerProtocolSuite } from "../support/protocol-suite";
import { readmeStartCommands, startFromReadme } from "../support/readme-start";

/**
 * The pack as the Pulumi CLI runs it: the README's own two commands, run by bash from the repository
 * root in the user's environment, so run-policy-pack registers its vendored ts-node and requires the pack's
 * `main`, entry.js, which loads the pack compiled by esbuild (compiling it when a source changed); then spoken to
 * over gRPC.
 */
describe("the pack started by the README's commands, as the Pulumi CLI starts it", () => {
  it("the README gives the CLI's command line", () => {
    expect(readmeStartCommands()).toEqual([
      "cd policies/fargate-guard",
      "node ../../node_modules/@pulumi/pulumi/cmd/run-policy-pack 127.0.0.1:0 .",
    ]);
  });

  analyzerProtocolSuite(async () => ({ pack: await startFromReadme(), packDir: PACK_DIR }), 120_000);
});
