import { startInProcessPack } from "../support/in-process";
import {
  awsxFargateService,
  awsxTaskDefinitionArgs,
  container,
  taskDefinition,
  IMAGE,
  DIGEST,
} from "../support/fixtures";
import { detailsOf, onlyFinding, summarize } from "../support/expect-findings";
import { PREVIEW_UNKNOWN } from "../support/wire";

const pack = startInProcessPack();
const rule = "private-image-credentials";

describe("private-image-credentials", () => {
  it("accepts a ghcr.io image that names its credentials secret", async () => {
    expect(summarize(await pack.analyze(taskDefinition()))).toEqual([]);
  });

  it("rejects a ghcr.io image without repositoryCredentials in a raw task definition", async () => {
    const finding = onlyFinding(
      await pack.analyze(taskDefinition({ containers: [container({ repositoryCredentials: undefined })] })),
      rule,
    );
    expect(finding.enforcementLevel).toBe("mandatory");
    expect(finding.detail).toContain(`Container \`app\` pulls \`${IMAGE}\` without \`repositoryCredentials\``);
    expect(finding.detail).toContain("containerDefinitions[0].repositoryCredentials.credentialsParameter");
  });

  it("rejects a ghcr.io image without credentials in an awsx FargateService", async () => {
    const service = awsxFargateService({
      taskDefinitionArgs: awsxTaskDefinitionArgs({
        container: container({ name: "web", repositoryCredentials: undefined }),
      }),
    });
    const finding = onlyFinding(await pack.analyze(service), rule);
    expect(finding.detail).toContain("Container `web` pulls");
    expect(finding.detail).toContain("taskDefinitionArgs.container.repositoryCredentials");
  });

  it("names the container key of an awsx `containers` map", async () => {
    const service = awsxFargateService({
      taskDefinitionArgs: awsxTaskDefinitionArgs({
        container: undefined,
        containers: { sidecar: container({ repositoryCredentials: { credentialsParameter: "" } }) },
      }),
    });
    expect(onlyFinding(await pack.analyze(service), rule).detail).toContain("Container `sidecar` pulls");
  });

  // A blank parameter is no parameter: ECS would pull anonymously, and registry-credentials-secret-arn has no ARN to
  // judge, so this rule is the only one that can report it.
  it.each(["", " ", "   ", "\t\n"])(
    "reports a credentialsParameter of %j as missing, and it is the pack's only finding",
    async (blank) => {
      const task = taskDefinition({
        containers: [container({ repositoryCredentials: { credentialsParameter: blank } })],
      });
      const finding = onlyFinding(await pack.analyze(task), rule);
      expect(finding.enforcementLevel).toBe("mandatory");
      expect(finding.detail).toContain(`Container \`app\` pulls \`${IMAGE}\` without \`repositoryCredentials\``);
    },
  );

  it("reports repositoryCredentials of null as missing", async () => {
    const task = taskDefinition({ containers: [container({ repositoryCredentials: null })] });
    expect(onlyFinding(await pack.analyze(task), rule).detail).toContain(
      `Container \`app\` pulls \`${IMAGE}\` without \`repositoryCredentials\``,
    );
  });

  it("leaves a credentialsParameter unknown during preview to the rule that judges its form", async () => {
    const service = awsxFargateService({
      taskDefinitionArgs: awsxTaskDefinitionArgs({
        container: container({ repositoryCredentials: { credentialsParameter: PREVIEW_UNKNOWN } }),
      }),
    });
    expect(detailsOf(await pack.analyze(service), rule)).toEqual([]);
  });

  // image-digest-pinned skips what does not parse, so this is the one finding that names the bad reference.
  it("reports an image that is not an image reference, with the parser's reason", async () => {
    const image = "ghcr.io/Acme/API:1.4";
    const finding = onlyFinding(await pack.analyze(taskDefinition({ containers: [container({ image })] })), rule);
    expect(finding.enforcementLevel).toBe("mandatory");
    expect(finding.detail).toBe(
      `Container \`app\` names image \`${image}\`, which is not an image reference: ` +
        `Invalid image reference "${image}": repository name "Acme/API" must be lowercase (try "acme/api")`,
    );
  });

  it("tells a private registry's 401 apart from a public image, and names publicImagePrefixes for the public case", async () => {
    const finding = onlyFinding(
      await pack.analyze(taskDefinition({ containers: [container({ repositoryCredentials: undefined })] })),
      rule,
    );
    expect(finding.detail).toContain(
      "a private image answers 401 Unauthorized and every task stops with CannotPullContainerError",
    );
    expect(finding.detail).toContain(
      "if the image is public and meant to be pulled anonymously, add `ghcr.io/acme/` to `publicImagePrefixes`",
    );
    expect(finding.detail).not.toContain("rate-limits");
  });

  it("says a Docker Hub official image pulls anonymously but rate-limited, not that it fails with 401", async () => {
    const hub = taskDefinition({
      containers: [container({ image: `nginx:1.27@${DIGEST}`, repositoryCredentials: undefined })],
    });
    const finding = onlyFinding(await pack.analyze(hub), rule);
    expect(finding.detail).toContain(
      "docker.io/library/nginx is a public Docker Hub image, so ECS pulls it anonymously",
    );
    expect(finding.detail).toContain("Docker Hub rate-limits anonymous pulls per source IP");
    expect(finding.detail).toContain("add `docker.io/library/` to `publicImagePrefixes`");
    expect(finding.detail).toContain(
      "or pull it through the account's ECR instead: set `pullThroughCache: true` on a `docker.io` entry",
    );
    expect(finding.detail).not.toContain("401");
  });

  it("gives both outcomes for another Docker Hub repository, which may be private or public", async () => {
    const hub = taskDefinition({
      containers: [container({ image: `bitnami/nginx:1.27@${DIGEST}`, repositoryCredentials: undefined })],
    });
    const finding = onlyFinding(await pack.analyze(hub), rule);
    expect(finding.detail).toContain("a private image answers 401 Unauthorized");
    expect(finding.detail).toContain("a public one pulls, but Docker Hub rate-limits anonymous pulls per source IP");
    expect(finding.detail).toContain("add `docker.io/bitnami/` to `publicImagePrefixes`");
    expect(finding.detail).toContain(
      "Secrets Manager secret ARN for docker.io, or pull it through the account's ECR instead",
    );
  });

  it("accepts private ECR and public ECR images without credentials", async () => {
    const ecr = `123456789012.dkr.ecr.us-east-1.amazonaws.com/api@${DIGEST}`;
    const publicEcr = `public.ecr.aws/nginx/nginx@${DIGEST}`;
    const containers = [ecr, publicEcr].map((image, i) =>
      container({ name: `c${i}`, image, repositoryCredentials: undefined }),
    );
    expect(summarize(await pack.analyze(taskDefinition({ containers })))).toEqual([]);
  });

  it("accepts an allow-listed public prefix only after configure names it", async () => {
    const hub = taskDefinition({
      containers: [container({ image: `docker.io/library/nginx@${DIGEST}`, repositoryCredentials: undefined })],
    });
    onlyFinding(await pack.analyze(hub), rule);
    await pack.configure({ [rule]: { publicImagePrefixes: ["docker.io/library/"] } });
    try {
      expect(summarize(await pack.analyze(hub))).toEqual([]);
    } finally {
      await pack.configure({});
    }
  });

  it("reports an image unknown during preview as not judged, at the rule's mandatory level, never as a pass", async () => {
    const service = awsxFargateService({
      taskDefinitionArgs: awsxTaskDefinitionArgs({
        container: container({ image: PREVIEW_UNKNOWN, repositoryCredentials: undefined }),
      }),
    });
    // Every rule that reads the image reports the unknown; this rule must be one of them.
    expect(detailsOf(await pack.analyze(service), rule)).toEqual([
      expect.stringMatching(
        /^\[mandatory\] Not judged: `taskDefinitionArgs\.container\.image` is not known in this preview\. /,
      ),
    ]);
  });

  it("still reports a known container when another container's image is unknown", async () => {
    const service = awsxFargateService({
      taskDefinitionArgs: awsxTaskDefinitionArgs({
        container: undefined,
        containers: {
          known: container({ repositoryCredentials: undefined }),
          later: container({ image: PREVIEW_UNKNOWN }),
        },
      }),
    });
    expect(detailsOf(await pack.analyze(service), rule)).toEqual([
      expect.stringMatching(/^\[mandatory\] Container `known` pulls /),
      expect.stringMatching(/^\[mandatory\] Not judged: `taskDefinitionArgs\.containers\.later\.image` is not known/),
    ]);
  });
});
