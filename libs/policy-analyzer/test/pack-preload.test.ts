// The tsx start's preload reaches every process that inherits NODE_OPTIONS. It must do its work (the SDKs, tsx)
// in the pack's own process only: the watching parent, cli-parent.js, runs no TypeScript and stays bare.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

const PRELOAD = path.resolve(__dirname, "../src/pack-preload.js");
const WORKSPACE = path.resolve(__dirname, "../../..");
const dir = mkdtempSync(path.join(tmpdir(), "pack-preload-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `script` as the file at `relative`, with the preload, and says what the preload loaded. */
async function loadedBy(relative: string): Promise<{ sdk: boolean; tsx: boolean }> {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `const loaded = (part) => Object.keys(require.cache).some((f) => f.includes(part));
     console.log(JSON.stringify({ sdk: loaded("/@pulumi/pulumi/"), tsx: loaded("/tsx/") }));`,
  );
  const { stdout } = await promisify(execFile)(process.execPath, [file], {
    cwd: WORKSPACE,
    env: { ...process.env, NODE_OPTIONS: `--require ${JSON.stringify(PRELOAD)}` },
  });
  return JSON.parse(stdout) as { sdk: boolean; tsx: boolean };
}

it("loads the SDKs and tsx in the pack's process, run-policy-pack", async () => {
  expect(await loadedBy("run-policy-pack/index.js")).toEqual({ sdk: true, tsx: true });
});

it("loads nothing in any other process that inherits it, such as the pack's watching parent", async () => {
  expect(await loadedBy("cli-parent.js")).toEqual({ sdk: false, tsx: false });
});
