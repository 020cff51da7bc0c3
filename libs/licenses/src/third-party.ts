/** The list of a published package's dependencies and their licences that travels with it. */
import { ACCEPTED_EXCEPTIONS } from "./allowed-licenses";
import { licenseOf } from "./license-check";
import type { LockedPackage } from "./lockfile";

/** One row per name and version (npm may install a version in several places), sorted as given. */
export function thirdPartyLicensesMarkdown(title: string, packages: readonly LockedPackage[]): string {
  const rows = [...new Set(packages.map((p) => `| ${p.name} | ${p.version} | ${licenseOf(p) ?? "(none given)"} |`))];
  const notes = ACCEPTED_EXCEPTIONS.filter((e) => packages.some((p) => licenseOf(p) === e.license)).map(
    (e) =>
      `- **${e.license}**: ${packages
        .filter((p) => licenseOf(p) === e.license)
        .map((p) => p.name)
        .join(", ")}. ${e.why}.`,
  );
  return [
    `# Third-party licences: ${title}`,
    "",
    "Generated from the workspace's package-lock.json when this folder was built: every package it declares in",
    "package.json and everything those depend on, at the versions the workspace was tested with. npm may install",
    "newer releases of the indirect ones within their ranges.",
    "",
    ...(notes.length > 0 ? ["Licences beyond the permissive ones:", "", ...notes, ""] : []),
    "| package | version | licence |",
    "|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
