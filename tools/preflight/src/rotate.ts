// `npm run rotate-registry-token -- --env <env> --registry <host>`: puts a new registry token into the secret
// registry-access created (`tokenSource: external`), only once the token has proven it can pull. The token comes
// from stdin (typed without echo, or piped) and is never printed. PutSecretValue makes it AWSCURRENT; Secrets
// Manager moves the old value to AWSPREVIOUS, so a rollback is one `update-secret-version-stage` away.
import {
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { defineCommand, helpText, parseCommand } from "@platform/command-line";
import { pullRefusal, registrySecretNamePrefix } from "@platform/config";
import { redactTokens } from "@platform/config/secret-values";
import { findServiceProjects } from "@platform/config-files/service-projects";
import { readStackConfig } from "@platform/config-files/stack-files";
import { parseImageReference, type ImageReference } from "@platform/image-ref";
import { RegistryError, resolveManifest } from "@platform/registry-client";
import * as path from "node:path";
import { InputError, readStackInputs } from "./stack-inputs";

class UsageError extends Error {}

export const ROTATE_COMMAND = defineCommand({
  usage: "npm run rotate-registry-token -- --env <env> --registry <host> [--username <user>] [--image <ref>]",
  summary: `Reads the new token from stdin (not echoed), pulls each image of the environment's services on that
registry with it, and only then writes it into the registry's secret (PutSecretValue: the old value stays as
AWSPREVIOUS). Nothing secret is printed.`,
  footer: "Exit codes: 0 written, 1 the token cannot pull (the secret keeps its value), 2 bad input.",
  helpCommand: "npm run rotate-registry-token -- --help",
  error: UsageError,
  flags: {
    env: { type: "string", value: "<name>", required: true, help: "Environment = stack name: dev, staging or prod" },
    registry: { type: "string", value: "<host>", required: true, help: "The registry host, e.g. ghcr.io" },
    username: { type: "string", value: "<user>", help: "The registry user (default: the secret's current one)" },
    image: {
      type: "string",
      value: "<ref>",
      help: "The image to prove the pull with (default: every service's image on that registry)",
    },
    help: { type: "boolean", short: "h", default: false, help: "Show this help" },
  },
});

export interface RotateIo {
  readonly root: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The new token, as typed or piped. */
  readonly readToken: (prompt: string) => Promise<string>;
  /** @default a client in registry-access's region */
  readonly secrets?: SecretsManagerClient;
}

export async function rotate(argv: string[], given: RotateIo): Promise<number> {
  const say = (text: string) => given.stdout(redactTokens(text));
  const complain = (text: string) => given.stderr(redactTokens(text));
  let args;
  try {
    args = parseCommand(argv, ROTATE_COMMAND);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    complain(`rotate-registry-token: ${error.message}\n\n${helpText(ROTATE_COMMAND)}`);
    return 2;
  }
  if (args.help) {
    say(helpText(ROTATE_COMMAND));
    return 0;
  }
  const { env, registry: host } = args;
  let images: ImageReference[];
  let region: string;
  try {
    images = args.image ? [parseImageReference(args.image)] : imagesOn(given.root, env, host);
    region = readStackConfig(path.join(given.root, "projects", "registry-access"), env).values["aws:region"] ?? "";
  } catch (error) {
    complain(`rotate-registry-token: ${(error as Error).message}\n`);
    return 2;
  }
  if (images.length === 0) {
    complain(`rotate-registry-token: no service of ${env} pulls from ${host}.\nFix: --image <an image on ${host}>\n`);
    return 2;
  }

  const token = (await given.readToken(`New token for ${host} (${env}), not shown: `)).trim();
  if (token === "") {
    complain("rotate-registry-token: no token on stdin; nothing was written.\n");
    return 2;
  }
  const refusal = pullRefusal(host, token);
  if (refusal) {
    complain(`rotate-registry-token: ${refusal.reason} Nothing was written.\nFix: ${refusal.remedy}.\n`);
    return 1;
  }

  const client = given.secrets ?? new SecretsManagerClient({ region });
  const prefix = registrySecretNamePrefix(env, host);
  const aws = async <T>(what: string, send: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await send();
    } catch (error) {
      complain(
        `rotate-registry-token: Secrets Manager ${what} failed: ${(error as Error).message}; nothing was written.\n`,
      );
      return undefined;
    }
  };
  const listed = await aws("ListSecrets", () =>
    client.send(new ListSecretsCommand({ Filters: [{ Key: "name", Values: [prefix] }] })),
  );
  if (listed === undefined) return 1;
  const matching = (listed.SecretList ?? []).filter((s) => s.Name?.startsWith(prefix) && s.ARN);
  if (matching.length !== 1) {
    complain(
      `rotate-registry-token: ${matching.length} secrets named ${prefix}… in ${region}; registry-access makes one.\n` +
        `Fix: \`pulumi stack output registryCredentials\` on registry-access/${env} names it; deploy or tidy first.\n`,
    );
    return 2;
  }
  const arn = matching[0]!.ARN!;
  const username = args.username ?? (await currentUsername(client, arn));
  if (!username) {
    complain(`rotate-registry-token: ${arn} holds no username to keep.\nFix: --username <registry user>\n`);
    return 2;
  }

  for (const image of images) {
    try {
      const pulled = await resolveManifest(image, { credentials: { username, password: token, source: "stdin" } });
      say(`pulled ${image.original} as ${JSON.stringify(username)} with the new token: ${pulled.digest}\n`);
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      complain(
        `rotate-registry-token: the new token cannot pull ${image.original}: ${error.message}\n` +
          `${arn} keeps its value; nothing was written.\n`,
      );
      return 1;
    }
  }
  const put = new PutSecretValueCommand({ SecretId: arn, SecretString: JSON.stringify({ username, password: token }) });
  if ((await aws(`PutSecretValue on ${arn}`, () => client.send(put))) === undefined) return 1;
  say(
    `wrote the new token into ${arn} (AWSCURRENT); the old value is AWSPREVIOUS until the next rotation.\n` +
      `New tasks pull with it; running tasks keep going. Check: npm run preflight -- --env ${env}\n`,
  );
  return 0;
}

/** The images of the environment's services on `host`, from their stack files. */
function imagesOn(root: string, env: string, host: string): ImageReference[] {
  try {
    return findServiceProjects(root)
      .map((service) => readStackInputs(root, env, service.name).image.value)
      .filter((image) => image.host === host);
  } catch (error) {
    if (error instanceof InputError) throw new Error(error.message);
    throw error;
  }
}

async function currentUsername(client: SecretsManagerClient, arn: string): Promise<string | undefined> {
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    const username = (JSON.parse(SecretString ?? "") as { username?: unknown }).username;
    return typeof username === "string" && username !== "" ? username : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The token from stdin: typed at a terminal with echo off (raw mode, Enter ends it, Ctrl-C aborts), or read
 * whole from a pipe.
 */
export function readTokenFromStdin(
  stdin: NodeJS.ReadStream,
  stderr: (text: string) => void,
): (prompt: string) => Promise<string> {
  return async (prompt) => {
    if (!stdin.isTTY) {
      let text = "";
      for await (const chunk of stdin) text += String(chunk);
      return text;
    }
    stderr(prompt);
    stdin.setRawMode(true);
    stdin.setEncoding("utf8");
    return new Promise<string>((resolve, reject) => {
      let typed = "";
      const done = (error?: Error) => {
        stdin.off("data", onData);
        stdin.setRawMode(false);
        stdin.pause();
        stderr("\n");
        if (error) reject(error);
        else resolve(typed);
      };
      const onData = (chunk: string) => {
        for (const char of chunk) {
          if (char === "\r" || char === "\n") return done();
          if (char === "\u0003") return done(new Error("cancelled"));
          if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
          else typed += char;
        }
      };
      stdin.on("data", onData);
      stdin.resume();
    });
  };
}
