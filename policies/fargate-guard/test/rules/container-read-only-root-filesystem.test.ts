import { startInProcessPack } from "../support/in-process";
import { awsxFargateService, container, taskDefinition } from "../support/fixtures";
import { onlyFinding, summarize } from "../support/expect-findings";

const pack = startInProcessPack();
const rule = "container-read-only-root-filesystem";

describe("container-read-only-root-filesystem", () => {
  it("accepts containers whose root filesystem is read-only, with a scratch volume mounted", async () => {
    const scratch = container({ mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp" }] });
    expect(
      summarize(await pack.analyze(taskDefinition({ containers: [scratch], volumes: [{ name: "tmp" }] }))),
    ).toEqual([]);
  });

  it("rejects a raw container that leaves readonlyRootFilesystem unset (advisory by default)", async () => {
    const fixture = taskDefinition({ containers: [container({ readonlyRootFilesystem: undefined })] });
    const finding = onlyFinding(await pack.analyze(fixture), rule);
    expect(finding.enforcementLevel).toBe("advisory"); // built in; config/<env>.json raises it
    expect(finding.detail).toBe(
      "Container `app` has a writable root filesystem: set `containerDefinitions[0].readonlyRootFilesystem` to true, " +
        "and mount a volume on each path it must write (`mountPoints`).",
    );
  });

  it("rejects an awsx container with readonlyRootFilesystem false, naming its path in the service's args", async () => {
    const fixture = awsxFargateService({
      taskDefinitionArgs: {
        ...(awsxFargateService().props.taskDefinitionArgs as object),
        container: container({ readonlyRootFilesystem: false }),
      },
    });
    expect(onlyFinding(await pack.analyze(fixture), rule).detail).toContain(
      "`taskDefinitionArgs.container.readonlyRootFilesystem`",
    );
  });
});
