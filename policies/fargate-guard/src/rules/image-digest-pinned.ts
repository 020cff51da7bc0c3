import { isDigestPinned } from "@platform/image-ref";
import { code } from "../lib/messages";
import { checkEachContainerImage, defineTaskDefinitionRule } from "../lib/task-definition-rule";

export const imageDigestPinned = defineTaskDefinitionRule({
  name: "image-digest-pinned",
  description: "Checks that every container image is pinned by digest (`@sha256:…`).",
  cause: "A container's image names a tag (or nothing) instead of a digest.",
  rationale:
    "A tag can be moved: the image that was reviewed, scanned and promoted is not necessarily the one a task pulls " +
    "next. Promotion between environments moves digests, and only a digest is promotable.",
  notCovered:
    "Whether the digest exists in the registry (`npm run preflight` proves the pull); task definitions of other providers (`aws-native:ecs:TaskDefinition`).",
  fix: "Reference the image as `<repository>@sha256:<digest>` (a tag may stay in front, `app:1.4@sha256:…`); promote digests, not tags.",
  enforcementLevel: "advisory",
  references: ["Amazon ECS developer guide: container image (tag or digest)"],
  checkTask(task, { report }) {
    checkEachContainerImage(task, ({ container, image, parsed }) => {
      // An invalid reference is private-image-credentials' finding; one problem, one finding.
      if (!parsed.ok || isDigestPinned(parsed.value)) return;
      report(
        `Container ${code(container.name)} pulls ${code(image)} by ${parsed.value.tag ? `tag ${code(parsed.value.tag)}` : "no tag or digest"}: ` +
          `pin it by digest (${parsed.value.host}/${parsed.value.repository}@sha256:<digest>) so every task runs the reviewed image.`,
      );
    });
  },
});
