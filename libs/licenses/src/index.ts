export { ACCEPTED_EXCEPTIONS, ALLOWED_LICENSES, READ_FROM_LICENSE_FILE } from "./allowed-licenses";
export type { AcceptedException } from "./allowed-licenses";
export { dependencyClosure, lockedPackages, readLockfile, rootLicense } from "./lockfile";
export type { LockedPackage, LockEntry, Lockfile } from "./lockfile";
export { licenseOf, licenseProblem, licenseProblems } from "./license-check";
export { thirdPartyLicensesMarkdown } from "./third-party";
