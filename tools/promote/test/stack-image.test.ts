import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readStackFile, withImage } from "../src/stack-image";

const digest = `sha256:${"d4".repeat(32)}`;
const image = `ghcr.io/acme/api@${digest}`;

function stackFile(text: string) {
  const path = join(mkdtempSync(join(tmpdir(), "stack-image-")), "Pulumi.prod.yaml");
  writeFileSync(path, text);
  return readStackFile(path, "service:image");
}

describe("withImage", () => {
  it("keeps a comment on the image line and every other byte of the file", () => {
    const text = "# prod\nconfig:\n  a: 1 # why a\n  service:image: old:1 # keep me\n\n  # trailing\n  b: 'x'\n";
    expect(withImage(stackFile(text), image, undefined)).toBe(text.replace("old:1", image));
  });

  it("keeps a list written in brackets as it is (a service's paths)", () => {
    const text = "config:\n  shop:image: old:1\n  shop:paths: [/shop/*, /cart/*]\n  shop:hosts: []\n";
    const file = readStackFile(stackFile(text).path, "shop:image");
    expect(withImage(file, image, undefined)).toBe(text.replace("old:1", image));
  });

  it("writes a skip reason as the comment next to the key, and the next regular promotion removes it", () => {
    const file = stackFile("config:\n  service:image: old:1\n");
    const skipped = withImage(file, image, { stages: ["staging"], reason: "CVE hotfix" });
    expect(skipped).toBe(`config:\n  service:image: ${image} # promote: skipped staging: CVE hotfix\n`);
    const next = withImage({ ...file, text: skipped }, `ghcr.io/acme/api@sha256:${"e5".repeat(32)}`, undefined);
    expect(next).toBe(`config:\n  service:image: ghcr.io/acme/api@sha256:${"e5".repeat(32)}\n`);
  });

  it("refuses a file without service:image, saying where to add it", () => {
    expect(() => withImage(stackFile("config:\n  service:cpu: 512\n"), image, undefined)).toThrow(
      /has no `service:image` under `config:`[\s\S]*Fix: add/,
    );
  });

  it("refuses a rewrite that would reformat other lines (here: 4-space indentation, re-rendered with 2)", () => {
    const file = stackFile("config:\n    service:image: old:1\n    service:cpu:    512\n");
    expect(() => withImage(file, image, undefined)).toThrow(/would also reformat other lines/);
  });
});
