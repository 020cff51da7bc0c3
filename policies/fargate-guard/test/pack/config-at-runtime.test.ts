import { startInProcessPack } from "../support/in-process";
import { container, taskDefinition, urnOf } from "../support/fixtures";
import { summarize } from "../support/expect-findings";
import { executionRole } from "../support/fixtures-iam";
import { waiver } from "../support/waiver";

const pack = startInProcessPack();
const untagged = taskDefinition({ containers: [container({ image: "ghcr.io/acme/api-private:1.4" })] });

describe("config the engine sends with configure", () => {
  afterEach(() => pack.configure({}));

  it("fails analysis with an error naming the rule, the key and the value when a type is wrong", async () => {
    await pack.configure({ "private-image-credentials": { publicImagePrefixes: "docker.io/" } });
    await expect(pack.analyze(taskDefinition())).rejects.toThrow(
      /Policy pack config for rule `private-image-credentials` is invalid .*\n\s+- `publicImagePrefixes`: Invalid input: expected array, received string \(got "docker.io\/"\)/,
    );
  });

  it("skips a resource for a rule when an exception with a reason and an expiry names it", async () => {
    await pack.configure({
      "image-digest-pinned": { exceptions: [{ urn: urnOf(untagged), ...waiver("pinned by the promotion job") }] },
    });
    expect(summarize(await pack.analyze(untagged))).toEqual([]);
  });

  it.each([
    ["no reason", { expires: waiver("").expires }, "`image-digest-pinned.exceptions\\[0\\].reason` is missing"],
    ["no expiry", { reason: "pinned" }, "`image-digest-pinned.exceptions\\[0\\].expires` is missing"],
    [
      "a past expiry",
      { reason: "pinned", expires: "2020-01-31" },
      '`image-digest-pinned.exceptions\\[0\\].expires` is "2020-01-31": the exception expired on 2020-01-31',
    ],
  ])("reports an exception with %s as a violation and does not apply it", async (_, fields, message) => {
    await pack.configure({ "image-digest-pinned": { exceptions: [{ urn: urnOf(untagged), ...fields }] } });
    expect(summarize(await pack.analyze(untagged))).toEqual([
      expect.stringMatching(
        new RegExp(
          "^image-digest-pinned: Exception for `urn:pulumi:test::fargate-guard-fixtures::aws:ecs/taskDefinition:TaskDefinition::api` in the config of `image-digest-pinned` is not applied: " +
            message,
        ),
      ),
      expect.stringMatching(/^image-digest-pinned: Container `app` pulls `ghcr\.io\/acme\/api-private:1\.4` by tag/),
    ]);
  });

  it("applies exceptions to stack rules too, by the URN a finding would carry", async () => {
    const role = executionRole({ managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
    expect(summarize(await pack.analyzeStack([role]))).toEqual([
      expect.stringMatching(/^execution-role-managed-policies: Role `api-execution`/),
    ]);
    await pack.configure({
      "execution-role-managed-policies": {
        exceptions: [{ urn: urnOf(role), ...waiver("break-glass role, reviewed in SEC-142") }],
      },
    });
    expect(summarize(await pack.analyzeStack([role]))).toEqual([]);
  });

  it("turns a rule off with `disabled`", async () => {
    await pack.configure({ "image-digest-pinned": "disabled" });
    expect(summarize(await pack.analyze(untagged))).toEqual([]);
  });
});
