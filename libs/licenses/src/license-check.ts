/** Which packages of a lockfile carry a licence the workspace does not accept (allowed-licenses.ts). */
import satisfies from "spdx-satisfies";
import { ACCEPTED_EXCEPTIONS, ALLOWED_LICENSES, READ_FROM_LICENSE_FILE } from "./allowed-licenses";
import { lockedPackages, rootLicense, type LockedPackage, type Lockfile } from "./lockfile";

const HOME = "libs/licenses/src/allowed-licenses.ts";

/** The package's licence: its manifest's, or the one read from its licence file by hand. */
export const licenseOf = (pkg: LockedPackage): string | undefined =>
  READ_FROM_LICENSE_FILE[`${pkg.name}@${pkg.version}`] ?? pkg.license;

const covers = (packages: readonly string[], name: string) =>
  packages.some((entry) => (entry.endsWith("/") ? name.startsWith(entry) : name === entry));

/** Why a registry package's licence is not accepted, or undefined when it is. */
export function licenseProblem(pkg: LockedPackage): string | undefined {
  const where = `${pkg.name}@${pkg.version} (${pkg.location})`;
  const license = licenseOf(pkg);
  if (license === undefined) {
    return `${where} names no licence. Fix: read its licence file and add it to READ_FROM_LICENSE_FILE in ${HOME}, or drop the dependency.`;
  }
  if (ACCEPTED_EXCEPTIONS.some((e) => e.license === license && covers(e.packages, pkg.name))) return undefined;
  let allowed: boolean;
  try {
    allowed = satisfies(license, [...ALLOWED_LICENSES]);
  } catch {
    return (
      `${where} gives its licence as "${license}", which is not an SPDX expression. ` +
      `Fix: read its licence file and add what it says to READ_FROM_LICENSE_FILE in ${HOME}.`
    );
  }
  if (allowed) return undefined;
  return (
    `${where} is licensed "${license}", which is outside ALLOWED_LICENSES (${ALLOWED_LICENSES.join(", ")}) in ${HOME}. ` +
    "Fix: drop or replace the dependency, or, when that licence is acceptable here, add it there with the reason."
  );
}

/**
 * Every licence problem of the lockfile: registry packages outside the allow-list, and workspace packages
 * (and the root) that do not name the repository's own licence.
 */
export function licenseProblems(lock: Lockfile): string[] {
  const own = rootLicense(lock);
  const problems: string[] = [];
  if (own === undefined)
    problems.push(`The root package.json names no licence. Fix: set "license" to the one in LICENSE.`);
  for (const pkg of lockedPackages(lock)) {
    if (!pkg.workspace) {
      const problem = licenseProblem(pkg);
      if (problem) problems.push(problem);
    } else if (own !== undefined && pkg.license !== own) {
      problems.push(
        `${pkg.location}/package.json has "license": ${JSON.stringify(pkg.license ?? null)}; the repository's is "${own}". ` +
          `Fix: set "license": "${own}" there, then npm install to update ${lock.file}.`,
      );
    }
  }
  return problems;
}
