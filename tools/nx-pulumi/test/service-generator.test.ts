// `nx g @platform/nx-pulumi:service`: the refusals run in-process against a read-only view of this workspace. One
// real generation in a scratch copy, through the nx command line, then planned as `npm start` plans it, is
// service-generator.integration.test.ts.
import type { Tree } from "@nx/devkit";
import { FsTree } from "nx/src/generators/tree";
import serviceGenerator from "../src/generators/service/generator";
import type { ServiceGeneratorOptions } from "../src/generators/service/check-options";
import { WORKSPACE_ROOT } from "./support/nx-env";

const DIGEST = `sha256:${"4f9e2c7a1b3d5e6f".repeat(4)}`;
const IMAGE = `ghcr.io/acme/orders@${DIGEST}`;

/** The generator on this workspace's files; nothing is written, since the tree is never flushed. */
async function generate(options: Partial<ServiceGeneratorOptions>): Promise<Tree> {
  const tree = new FsTree(WORKSPACE_ROOT, false);
  await serviceGenerator(tree, { name: "orders", image: IMAGE, ...options });
  return tree;
}

describe("refuses, before writing anything,", () => {
  it.each([
    [{ name: "Orders_API" }, 'The service name "Orders_API" is not allowed: use kebab-case'],
    [{ name: "a-much-too-long-name" }, "at most 16 characters"],
    [{ name: "networking" }, "projects/networking already exists"],
    [{ name: "contracts" }, "libs/contracts already exists"],
    [{ image: "ghcr.io/Acme/orders:1.0" }, '--image "ghcr.io/Acme/orders:1.0" is not an image reference'],
    [{ image: "ghcr.io/acme/orders:1.0" }, "is not pinned by digest, and staging and prod run only digests"],
    [{ image: `quay.io/acme/orders@${DIGEST}` }, "holds credentials only for ghcr.io"],
    [{ port: 80 }, "--port 80: every service's container listens on networking's service port"],
    [{ path: "orders" }, '--path "orders" is not a path pattern'],
    [{ host: "Orders.Example.com" }, '--host "Orders.Example.com" is not a host name'],
    [{ path: "/*" }, "paths /* is what service already matches"],
  ])("%j", async (options, message) => {
    const tree = new FsTree(WORKSPACE_ROOT, false);
    await expect(serviceGenerator(tree, { name: "orders", image: IMAGE, ...options })).rejects.toThrow(message);
    expect(tree.listChanges()).toEqual([]);
  });
});

it("accepts networking's own port and defaults the path to /<name>/*", async () => {
  // In jest, nx cannot load prettier (an ES module) to format the files; the command line run below does format.
  process.env["NX_SKIP_FORMAT"] = "true";
  const tree = await generate({ port: 8098 }).finally(() => delete process.env["NX_SKIP_FORMAT"]);
  expect(tree.read("projects/orders/Pulumi.dev.yaml", "utf-8")).toContain("orders:paths: [/orders/*]");
});
