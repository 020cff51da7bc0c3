import { ACMClient, DescribeCertificateCommand } from "@aws-sdk/client-acm";
import type { StackInputs } from "../stack-inputs";
import { type CheckResult, fail, pass } from "./result";

/** For an environment that serves HTTPS: the ALB's certificate exists in the stack's region and is issued. */
export async function checkCertificate(acm: ACMClient, inputs: StackInputs): Promise<CheckResult | undefined> {
  const check = "certificate issued";
  const at = inputs.certificateArn;
  if (!at) {
    if (!inputs.requireCertificate) return undefined;
    return fail(
      check,
      `${inputs.env} serves HTTPS, but \`networking:certificateArn\` is not set`,
      `set it in projects/networking/Pulumi.${inputs.env}.yaml`,
    );
  }
  const region = at.value.split(":")[3];
  if (region !== inputs.region.value) {
    return fail(
      check,
      `\`${at.key}\` in ${at.file} is in ${region}, but the ALB is in ${inputs.region.value}`,
      "request or import the certificate in the ALB's region",
    );
  }
  try {
    const { Certificate: certificate } = await acm.send(new DescribeCertificateCommand({ CertificateArn: at.value }));
    if (certificate?.Status === "ISSUED")
      return pass(check, `${at.value} is ISSUED for ${certificate.DomainName ?? "its domain"}`);
    return fail(
      check,
      `\`${at.key}\` in ${at.file} names a certificate whose status is ${certificate?.Status ?? "unknown"}, not ISSUED; the HTTPS listener would fail`,
      certificate?.Status === "PENDING_VALIDATION"
        ? "complete the DNS validation in ACM"
        : "request a new certificate and set its ARN there",
    );
  } catch (error) {
    const name = (error as Error).name;
    return fail(
      check,
      `\`${at.key}\` in ${at.file}: ACM DescribeCertificate failed (${name}: ${(error as Error).message})`,
      name === "ResourceNotFoundException"
        ? `set \`${at.key}\` in ${at.file} to a certificate of this account and region`
        : "check the credentials and the ARN",
    );
  }
}
