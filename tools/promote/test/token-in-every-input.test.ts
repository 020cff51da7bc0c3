// Every registry token format (token-kinds.ts), fed in turn to every input of every command (each flag, the registry variables,
// the Docker config, the stack files, the registry secret), is shown by no output of any of them: not the
// messages, not --json. Each command runs in this process through its `main`, the way its launcher calls it,
// with its output captured. Inputs that only a whole plan reads (a stack file's values, --diff) are searched by
// the plan's own tests (tools/offline-plan/test/secret-values.test.ts, unit/diff-secrets.test.ts), which
// already run that plan.
import { SERVICE_COMPONENT_PACKAGE } from "@platform/config-files/service-projects";
import {
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { REGISTRY_TOKEN_EXAMPLES } from "@platform/testing";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { main as planMain } from "../../offline-plan/src/cli";
import { main as preflightMain } from "../../preflight/src/cli";
import { main as promoteMain } from "../src/cli";
import {
  startRecordingServer,
  type RecordingServer,
} from "../../../libs/registry-client/test/support/recording-server";

jest.setTimeout(60_000);
const TOKEN = "ghp_" + "Tk3nN0tSh0wnAnywhere0123456789abcdEF";
/**
 * The inputs below take every registry token format in turn (`next()`); the registry variables, the Docker
 * config and the secret hold TOKEN, which the registry must receive.
 */
const FORMATS = [TOKEN, ...Object.values(REGISTRY_TOKEN_EXAMPLES).map((example) => example.value)];
let turn = 0;
const next = () => FORMATS[turn++ % FORMATS.length]!;
/** Pieces that would give a token away if a message cut or encoded it. */
const giveaways = FORMATS.flatMap((token) => [
  token,
  token.slice(6, 26),
  Buffer.from(`robot:${token}`).toString("base64").slice(8, 30),
]);

let dir: string;
let registry: RecordingServer;
const outputs: { command: string; input: string; code: number; output: string }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "token-every-input-"));
  // A loopback registry that asks for Basic credentials and refuses every pair: the pull fails with a 401.
  registry = await startRecordingServer((_request, response) =>
    response.writeHead(401, { "www-authenticate": 'Basic realm="r"' }).end(),
  );
});
afterAll(async () => {
  await registry.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `run` with `env` merged into process.env, restoring it after; the commands read their variables there. */
async function withEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

function record(command: string, input: string, code: number, output: string) {
  outputs.push({ command, input, code, output });
  return { code, output };
}

async function plan(input: string, argv: string[]) {
  let output = "";
  const capture = (chunk: string | Uint8Array) => ((output += chunk.toString()), true);
  const stdout = jest.spyOn(process.stdout, "write").mockImplementation(capture);
  const stderr = jest.spyOn(process.stderr, "write").mockImplementation(capture);
  const signals = ["SIGINT", "SIGTERM"] as const;
  const before = signals.map((signal) => process.listeners(signal));
  try {
    return record("npm start", input, await planMain(argv), output);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    // main's Ctrl-C handlers, which a launcher's process would have only once
    signals.forEach((signal, i) => {
      for (const listener of process.listeners(signal)) {
        if (!before[i]!.includes(listener)) process.removeListener(signal, listener);
      }
    });
  }
}

async function promote(input: string, argv: string[], env: Record<string, string> = {}) {
  let output = "";
  const out = { stdout: (text: string) => (output += text), stderr: (text: string) => (output += text) };
  const clean = { REGISTRY_HOST: "", REGISTRY_USERNAME: "", REGISTRY_PASSWORD: "", DOCKER_CONFIG: dir, ...env };
  // This repository has several services: without one named, promote would stop before the input under test.
  const service = argv.includes("--service") ? [] : ["--service", "service"];
  return record("promote", input, await withEnv(clean, () => promoteMain([...service, ...argv], out)), output);
}

/** What makes a project a service to the tools: its package.json depends on the service component. */
function writeServiceManifest(projectDir: string): void {
  const manifest = { name: "@platform/service", dependencies: { [SERVICE_COMPONENT_PACKAGE]: "0.1.0" } };
  writeFileSync(join(projectDir, "package.json"), JSON.stringify(manifest));
}

/** A promote workspace: only the service project's files that promote reads before it plans. */
function promoteWorkspace(name: string, images: Record<string, string>): string {
  const root = join(dir, name);
  mkdirSync(join(root, "projects", "service"), { recursive: true });
  writeFileSync(join(root, "projects", "service", "Pulumi.yaml"), "name: service\nruntime: nodejs\n");
  writeServiceManifest(join(root, "projects", "service"));
  for (const [env, image] of Object.entries(images)) {
    const file = join(root, "projects", "service", `Pulumi.${env}.yaml`);
    writeFileSync(file, `config:\n  service:image: ${JSON.stringify(image)}\n`);
  }
  return root;
}

const sts = mockClient(STSClient);
const secrets = mockClient(SecretsManagerClient);

/** The preflight of dev in a workspace whose stack files carry `overrides`, with AWS answered by mocks. */
async function preflight(input: string, overrides: Record<string, Record<string, unknown>>, argv = ["--env", "dev"]) {
  const root = join(dir, `preflight-${outputs.length}`);
  const base: Record<string, Record<string, unknown>> = {
    networking: {},
    "registry-access": {},
    service: { "service:image": `${registry.host}/team/app:1.0` },
  };
  for (const [project, values] of Object.entries(base)) {
    mkdirSync(join(root, "projects", project), { recursive: true });
    writeFileSync(join(root, "projects", project, "Pulumi.yaml"), stringify({ name: project, runtime: "nodejs" }));
    if (project === "service") writeServiceManifest(join(root, "projects", project));
    const config = { "aws:region": "eu-central-1", "aws:allowedAccountIds": ["210987654321"], ...values };
    const stack = { config: { ...config, ...overrides[project] } };
    writeFileSync(join(root, "projects", project, "Pulumi.dev.yaml"), stringify(stack));
  }
  let output = "";
  const io = { root, stdout: (text: string) => (output += text), stderr: (text: string) => (output += text) };
  for (const json of [false, true]) {
    const code = await preflightMain(json ? [...argv, "--json"] : argv, io);
    record("preflight", `${input}${json ? " --json" : ""}`, code, output);
    output = "";
  }
}

describe("a token-looking value given to any input", () => {
  it("is shown by no output of npm start, promote or preflight", async () => {
    // npm start: each flag, the ways a flag can be misused, and a path that holds it. A value that would
    // start a whole plan is given beside a flag that stops it at the command line.
    const stop = ["--policy-pack-config", "a.json", "--policy-pack-config", "b.json"];
    await plan("--env", ["--env", next(), ...stop]);
    await plan("--project", ["--project", join(dir, next())]);
    await plan("--policy-pack", ["--policy-pack", next()]);
    await plan("--policy-pack-config", ["--policy-pack-config", next(), ...stop]);
    await plan("--markdown", ["--markdown", join(dir, "missing", `${next()}.md`)]);
    await plan("--timeout", ["--timeout", next()]);
    await plan("--diff", ["--diff", `-${next()}`]);
    await plan("a flag given twice", ["--env", next(), "--env", `${next()}x`]);
    await plan("an argument without a flag", [next()]);
    await plan("an unknown flag", [`--${next()}`]);
    await plan("a switch with a value", [`--json=${next()}`]);
    await plan("a flag as a value", ["--env", `--${next()}`]);

    // promote: each flag, the registry variables and the Docker config, and the stack file it reads.
    const image = `${registry.host}/team/app:1.0`;
    await promote("--to", ["--to", next(), "--image", image]);
    await promote("--from", ["--from", next(), "--to", "prod"]);
    await promote("--image", ["--to", "dev", "--image", next()]);
    await promote("--image user:token@", ["--to", "dev", "--image", `robot:${next()}@ghcr.io/acme/app:1.0`]);
    await promote("--reason", ["--to", "prod", "--from", "dev", "--skip-stage", "--reason", `because ${next()}`]);
    await promote("--workspace", ["--to", "dev", "--image", image, "--workspace", join(dir, next())]);
    await promote("a flag given twice", ["--to", next(), "--to", `${next()}x`]);
    await promote("--service", ["--service", next(), "--to", "dev", "--image", image]);
    const workspace = promoteWorkspace("promote", { dev: image, staging: next(), prod: image });
    await promote("the source stack file", ["--from", "staging", "--to", "prod", "--workspace", workspace]);
    const registryEnv = { REGISTRY_HOST: registry.host, REGISTRY_USERNAME: TOKEN, REGISTRY_PASSWORD: TOKEN };
    await promote(
      "REGISTRY_USERNAME/PASSWORD",
      ["--to", "dev", "--image", image, "--workspace", workspace],
      registryEnv,
    );
    await promote("REGISTRY_HOST", ["--to", "dev", "--image", image, "--workspace", workspace], {
      ...registryEnv,
      REGISTRY_HOST: next(),
    });
    writeFileSync(join(dir, "config.json"), `{"auths": {"${registry.host}": {"auth": "${TOKEN}"}},`);
    await promote("a Docker config.json that is not JSON", ["--to", "dev", "--image", image, "--workspace", workspace]);
    writeFileSync(
      join(dir, "config.json"),
      JSON.stringify({ auths: { [registry.host]: { username: TOKEN, password: TOKEN } } }),
    );
    await promote("the Docker config's entry", ["--to", "dev", "--image", image, "--workspace", workspace]);
    rmSync(join(dir, "config.json"));

    // preflight: its flag, each stack-file value it reads, and the registry secret's value.
    sts.on(GetCallerIdentityCommand).resolves({ Account: "210987654321" });
    const arn = `arn:aws:secretsmanager:eu-central-1:210987654321:secret:registry/dev/x-AbCdEf`;
    secrets
      .on(ListSecretsCommand)
      .resolves({ SecretList: [{ ARN: arn, Name: `registry/dev/${registry.host.replace(":", "_")}/x` }] });
    secrets
      .on(ListSecretVersionIdsCommand)
      .resolves({ Versions: [{ VersionId: "v1", VersionStages: ["AWSCURRENT"] }] });
    secrets.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ username: TOKEN, password: TOKEN }) });
    await preflight("--env", {}, ["--env", next()]);
    await preflight("preflight --service", {}, ["--env", "dev", "--service", next()]);
    await preflight("the registry secret", {});
    await preflight("aws:region", { service: { "aws:region": next() } });
    await preflight("aws:allowedAccountIds", { networking: { "aws:allowedAccountIds": [next()] } });
    await preflight("aws:allowedAccountIds as text", { networking: { "aws:allowedAccountIds": `[${next()}` } });
    await preflight("service:image", { service: { "service:image": next() } });
    await preflight("service:image with user:token@", {
      service: { "service:image": `robot:${next()}@ghcr.io/a/b:1` },
    });
    await preflight("service:publicImagePrefixes", { service: { "service:publicImagePrefixes": next() } });
    await preflight("networking:certificateArn", { networking: { "networking:certificateArn": next() } });

    const shown = outputs.filter(({ output }) => giveaways.some((piece) => output.includes(piece)));
    expect(shown.map(({ command, input, output }) => `${command} ${input}:\n${output}`)).toEqual([]);
    // Every run said something, and none of it is a stack trace.
    expect(outputs.filter(({ output }) => output.trim() === "").map((o) => `${o.command} ${o.input}`)).toEqual([]);
    expect(outputs.filter(({ output }) => /\n\s+at .+:\d+:\d+/.test(output)).map((o) => o.input)).toEqual([]);
    // The registry was sent the token (it is that host's password); only the output must not show it.
    expect(
      registry.requests.some((r) => r.authorization === `Basic ${Buffer.from(`${TOKEN}:${TOKEN}`).toString("base64")}`),
    ).toBe(true);
  });

  it("is called not shown where a message is about it", () => {
    if (process.env.SHOW_OUTPUTS)
      console.log(outputs.map((o) => `## ${o.command} ${o.input} (${o.code})\n${o.output}`).join("\n"));
    const about = (input: string) => outputs.find((o) => o.input === input)?.output ?? "";
    expect(about("--reason")).toContain("looks like a token (not shown here)");
    expect(about("--image user:token@")).toContain("<credentials, not shown>@ghcr.io/acme/app:1.0");
    expect(about("aws:allowedAccountIds")).toContain("<looks like a token, not shown>");
    expect(about("a Docker config.json that is not JSON")).toContain("its content is not shown");
    expect(about("--to")).toContain("<looks like a token, not shown>");
    expect(about("--service")).toContain("<looks like a token, not shown>");
  });
});
