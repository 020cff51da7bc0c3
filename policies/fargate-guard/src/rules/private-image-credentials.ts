import { needsRepositoryCredentials } from "@platform/image-ref";
import { z } from "zod";
import { anonymousPullMessage } from "../lib/anonymous-pull";
import { type ContainerView } from "../lib/containers";
import { code } from "../lib/messages";
import { checkEachContainerImage, defineTaskDefinitionRule } from "../lib/task-definition-rule";
import { knownOr } from "../lib/unknowns";
import { field } from "../lib/props";

export const privateImageCredentials = defineTaskDefinitionRule({
  name: "private-image-credentials",
  description: "Checks that every container image outside Amazon ECR names registry credentials.",
  cause:
    "A container image is neither in private ECR nor in public ECR, does not start with a `publicImagePrefixes` entry, " +
    "and its container sets no `repositoryCredentials.credentialsParameter`.",
  rationale:
    "ECS pulls such an image anonymously. A private image (ghcr.io, Docker Hub private repositories) answers 401, " +
    "every task stops with CannotPullContainerError, and the service loops instead of deploying. A public image " +
    "pulls, but anonymously: Docker Hub limits anonymous pulls per source IP, shared by every task behind one NAT " +
    "gateway. `publicImagePrefixes` is the deliberate way to accept that.",
  notCovered:
    "Task definitions of other providers (`aws-native:ecs:TaskDefinition`) and images of other services (Lambda, App Runner); whether the secret holds working credentials (`npm run preflight` proves the pull).",
  fix:
    "Set `repositoryCredentials.credentialsParameter` to the Secrets Manager secret ARN for the image's registry " +
    "(the `arn` of the secret that holds that registry's username and password), or add a truly public prefix to `publicImagePrefixes`.",
  enforcementLevel: "mandatory",
  references: ["Amazon ECS: Private registry authentication for tasks", "aws-cdk aws-ecs RepositoryImage credentials"],
  options: {
    publicImagePrefixes: z
      .array(z.string().min(1))
      .default([])
      .describe('Image prefixes that are public and need no credentials, e.g. "docker.io/library/"'),
  },
  checkTask(task, { config, report }) {
    checkEachContainerImage(task, ({ container, image, parsed }) => {
      if (!parsed.ok) {
        report(
          `Container ${code(container.name)} names image ${code(image)}, which is not an image reference: ${parsed.error}`,
        );
        return;
      }
      if (!needsRepositoryCredentials(parsed.value, config.publicImagePrefixes)) return;
      if (hasCredentialsParameter(container)) return;
      const credentialsKey = `${container.path}.repositoryCredentials.credentialsParameter`;
      report(
        `Container ${code(container.name)} pulls ${code(image)} without \`repositoryCredentials\`: ` +
          anonymousPullMessage(parsed.value, credentialsKey),
      );
    });
  },
});

/** A parameter that is unknown during preview is set: its form is the next rule's business. */
function hasCredentialsParameter(container: ContainerView): boolean {
  const credentials = container.definition.repositoryCredentials;
  const parameter = knownOr<unknown>(() => field(credentials, "credentialsParameter"), "(unknown during preview)");
  return typeof parameter === "string" && parameter.trim() !== "";
}
