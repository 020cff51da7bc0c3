// The delivery stack's roles through fargate-guard's own analyzer, in this process (the pack's handlers, requests
// serialized as on the wire): what `npm start -- --env repository` and `pulumi preview` with the pack judge.
import * as path from "node:path";
import { runProgram } from "@platform/testing";
import { analyzeAll } from "../../../policies/fargate-guard/test/support/driver";
import { startInProcessPack } from "../../../policies/fargate-guard/test/support/in-process";

const projectDir = path.resolve(__dirname, "..");
const pack = startInProcessPack();

async function findingsWith(config: Record<string, string>) {
  const run = await runProgram({ projectDir, env: "repository", config });
  const roles = run.ofType("aws:iam/role:Role").concat(run.ofType("aws:iam/rolePolicy:RolePolicy"));
  const findings = await analyzeAll(
    pack,
    roles.map((r) => ({ type: r.type, name: r.name, props: r.inputs })),
  );
  return findings.map((f) => [f.policyName, f.enforcementLevel, f.urn.split("::").at(-1), f.detail]);
}

// The committed trusts pass: test/docs-commands.test.ts plans the stack with the pack.
it("refuses each deploy role whose `sub` pin is widened to the whole repository", async () => {
  const widened = await findingsWith({ "delivery:subjects": JSON.stringify({ deploy: "repo:acme/platform:*" }) });
  expect(widened).toEqual(
    [
      ["dev", "111111111111"],
      ["staging", "222222222222"],
      ["prod", "333333333333"],
    ].map(([env, account]) => [
      "oidc-trust-pinned",
      "mandatory",
      `aws-${env}-deploy`,
      `Trust policy statement \`GitHubActions\` lets GitHub Actions (\`arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com\`) ` +
        "assume the role, but `StringLike` value `repo:acme/platform:*` matches more than one environment, ref or pull request of " +
        "`repo:acme/platform`. Pin `token.actions.githubusercontent.com:sub` to `repo:<owner>/<repo>:environment:<name>` or " +
        "`repo:<owner>/<repo>:ref:refs/heads/<branch>`, one exact value for each subject the role serves.",
    ]),
  );
});
