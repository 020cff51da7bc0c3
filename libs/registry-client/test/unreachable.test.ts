import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { resolveManifest, RegistryError, RegistryUnreachableError } from "../src";

// A registry that accepts the connection and never answers, and a port where nothing listens.
let silent: Server;
let silentHost: string;
const held: Socket[] = [];
beforeAll(async () => {
  silent = createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentHost = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
});
afterAll(() => {
  held.forEach((socket) => socket.destroy());
  return new Promise<void>((resolve) => silent.close(() => resolve()));
});

const noAmbient = { env: {}, dockerConfigPath: "/nonexistent/config.json" };

describe("a registry that does not answer", () => {
  it("is a RegistryUnreachableError that says how long it waited, not a raw timeout", async () => {
    const error = await resolveManifest(`${silentHost}/team/app:1.0`, { ...noAmbient, timeoutMs: 300 }).catch(
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(RegistryUnreachableError);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toBe(
      `http://${silentHost} did not answer (no answer within 0.3 s) (image ${silentHost}/team/app:1.0, anonymous, no credentials)`,
    );
  });

  it("is a RegistryUnreachableError naming the refused connection", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const host = `127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await resolveManifest(`${host}/team/app:1.0`, noAmbient).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(RegistryUnreachableError);
    expect((error as Error).message).toContain(`http://${host} did not answer (ECONNREFUSED)`);
  });
});
