// The rotation command against the real Secrets Manager client answered by aws-sdk-client-mock, and a loopback
// registry that pulls only with the token it knows: the secret is written only after a pull with the new token
// succeeded, by PutSecretValue (so the old value becomes AWSPREVIOUS), and nothing secret is ever printed.
import {
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { PassThrough } from "node:stream";
import { REGISTRY_TOKEN_EXAMPLES, SECRET_EXAMPLES } from "@platform/testing";
import { readTokenFromStdin, rotate } from "../src/rotate";
import {
  basic,
  MANIFEST,
  startRecordingServer,
  type RecordingServer,
} from "../../../libs/registry-client/test/support/recording-server";
import { writeWorkspace } from "./support/workspace";

const NEW_TOKEN = REGISTRY_TOKEN_EXAMPLES["ghp_"]!.value;
const OLD = JSON.stringify({ username: "acme-bot", password: "the-old-value" });
const secrets = mockClient(SecretsManagerClient);
let registry: RecordingServer;
let workspace: ReturnType<typeof writeWorkspace>;
let arn: string;

beforeAll(async () => {
  // Pulls only as acme-bot with the new token.
  registry = await startRecordingServer((request, response) => {
    if (request.headers.authorization !== basic("acme-bot", NEW_TOKEN)) {
      return void response.writeHead(401, { "www-authenticate": 'Basic realm="r"' }).end();
    }
    response.writeHead(200, { "content-type": "application/vnd.oci.image.index.v1+json" }).end(MANIFEST);
  });
});
afterAll(() => registry.close());
beforeEach(() => {
  secrets.reset();
  workspace = writeWorkspace("dev", { image: `${registry.host}/acme/api:1.0` });
  const name = `registry/dev/${registry.host.replace(":", "_")}/20261129000000000000000001`;
  arn = `arn:aws:secretsmanager:eu-central-1:210987654321:secret:${name}-AbCdEf`;
  secrets.on(ListSecretsCommand).resolves({ SecretList: [{ ARN: arn, Name: name }] });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: OLD });
  secrets.on(PutSecretValueCommand).resolves({ ARN: arn, VersionId: "v2", VersionStages: ["AWSCURRENT"] });
});
afterEach(() => workspace.remove());

async function run(token: string, argv = ["--env", "dev", "--registry", registry.host]) {
  let out = "";
  const code = await rotate(argv, {
    root: workspace.root,
    stdout: (text) => (out += text),
    stderr: (text) => (out += text),
    readToken: () => Promise.resolve(`${token}\n`),
    secrets: new SecretsManagerClient({ region: "eu-central-1" }),
  });
  return { code, out };
}

it("writes the new token with the secret's user name only after it pulled the service's image", async () => {
  const { code, out } = await run(NEW_TOKEN);
  expect(code).toBe(0);
  expect(secrets.commandCalls(PutSecretValueCommand).map((call) => call.args[0].input)).toEqual([
    { SecretId: arn, SecretString: JSON.stringify({ username: "acme-bot", password: NEW_TOKEN }) },
  ]);
  expect(out).toContain(`pulled ${registry.host}/acme/api:1.0 as "acme-bot" with the new token: sha256:`);
  expect(out).toContain(`wrote the new token into ${arn} (AWSCURRENT); the old value is AWSPREVIOUS`);
  expect(out).not.toContain(NEW_TOKEN.slice(4, 16));
});

it("leaves the old value when the new token cannot pull", async () => {
  const wrong = REGISTRY_TOKEN_EXAMPLES["ghp_"]!.value.replace("Q7", "X9");
  const { code, out } = await run(wrong);
  expect(code).toBe(1);
  expect(secrets.commandCalls(PutSecretValueCommand)).toEqual([]);
  expect(out).toContain(`the new token cannot pull ${registry.host}/acme/api:1.0: 401 Unauthorized`);
  expect(out).toContain(`${arn} keeps its value; nothing was written.`);
  expect(out).not.toContain(wrong.slice(4, 16));
});

it("says, without a stack trace or the token, that a refused PutSecretValue wrote nothing", async () => {
  secrets
    .on(PutSecretValueCommand)
    .rejects(new Error("User is not authorized to perform: secretsmanager:PutSecretValue"));
  const { code, out } = await run(NEW_TOKEN);
  expect(code).toBe(1);
  expect(out).toContain(
    `Secrets Manager PutSecretValue on ${arn} failed: User is not authorized to perform: secretsmanager:PutSecretValue; nothing was written.`,
  );
  expect(out).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(out).not.toContain(NEW_TOKEN.slice(4, 16));
});

it("refuses a token that cannot pull from its registry before it reads or writes the secret", async () => {
  const { code, out } = await run(REGISTRY_TOKEN_EXAMPLES["github_pat_"]!.value, [
    "--env",
    "dev",
    "--registry",
    "ghcr.io",
    "--image",
    "ghcr.io/acme/api:1.0",
  ]);
  expect(code).toBe(1);
  expect(out).toContain("cannot pull from ghcr.io: GitHub Packages accepts only personal access tokens (classic)");
  expect(out).toContain("Fix: use a GitHub personal access token (classic)");
  expect(secrets.calls()).toEqual([]);
});

it("says which flag is missing when no service pulls from the registry", async () => {
  const { code, out } = await run(NEW_TOKEN, ["--env", "dev", "--registry", "quay.io"]);
  expect(code).toBe(2);
  expect(out).toContain("no service of dev pulls from quay.io.\nFix: --image <an image on quay.io>");
});

it.each(SECRET_EXAMPLES.map((example) => [example.name, example] as const))(
  "never prints a %s read from stdin, whatever happens to it",
  async (_name, example) => {
    const { out } = await run(example.value);
    expect(out).not.toContain(example.secret);
  },
);

describe("reading the token", () => {
  it("from a terminal, with echo off: nothing but the prompt is written, and Enter ends it", async () => {
    const stdin = Object.assign(new PassThrough(), {
      isTTY: true,
      setRawMode: jest.fn(),
    }) as unknown as NodeJS.ReadStream;
    let written = "";
    const reading = readTokenFromStdin(stdin, (text) => (written += text))("New token: ");
    stdin.write("ghp_ab");
    stdin.write("x\u007fc\r");
    await expect(reading).resolves.toBe("ghp_abc");
    expect(written).toBe("New token: \n");
    expect((stdin.setRawMode as jest.Mock).mock.calls).toEqual([[true], [false]]);
  });

  it("from a pipe, whole", async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
    const reading = readTokenFromStdin(stdin, () => undefined)("unused");
    stdin.end("ghp_piped\n");
    await expect(reading).resolves.toBe("ghp_piped\n");
  });
});
