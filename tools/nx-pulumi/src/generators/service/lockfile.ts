import { type Tree, updateJson } from "@nx/devkit";

interface PackageJson {
  name: string;
  version: string;
  license?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

interface Lockfile {
  packages: Record<string, unknown>;
}

/**
 * Records the new workspace package in package-lock.json as `npm install` would (the link and the package's entry),
 * so `npm ci` accepts the lockfile at once and nothing needs the network.
 */
export function addWorkspacePackage(tree: Tree, folder: string, manifest: PackageJson): void {
  if (!tree.exists("package-lock.json")) return;
  updateJson<Lockfile>(tree, "package-lock.json", (lock) => {
    const packages: Record<string, unknown> = {
      ...lock.packages,
      [`node_modules/${manifest.name}`]: { resolved: folder, link: true },
      [folder]: {
        name: manifest.name,
        version: manifest.version,
        ...(manifest.license ? { license: manifest.license } : {}),
        ...(manifest.dependencies ? { dependencies: manifest.dependencies } : {}),
        ...(manifest.devDependencies ? { devDependencies: manifest.devDependencies } : {}),
      },
    };
    // npm orders the entries by path, the root package ("") first.
    const ordered = Object.keys(packages).sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b, "en")));
    return { ...lock, packages: Object.fromEntries(ordered.map((key) => [key, packages[key]])) };
  });
}
