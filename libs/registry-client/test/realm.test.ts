import { realmProblem } from "../src";

// The registry as the client speaks to it, from a URL.
const registry = (origin: string) => {
  const url = new URL(origin);
  return { protocol: url.protocol, host: url.host, hostname: url.hostname };
};

describe("realmProblem, the token endpoints a registry may send credentials to", () => {
  it.each([
    ["https://ghcr.io", "https://ghcr.io/token"],
    ["https://registry-1.docker.io", "https://auth.docker.io/token"],
    ["https://registry.gitlab.com", "https://gitlab.com/jwt/auth"],
    ["https://quay.io", "https://quay.io/v2/auth"],
    ["http://127.0.0.1:5000", "http://127.0.0.1:5000/token"],
    ["http://localhost:5000", "http://localhost:5000/auth"],
  ])("lets %s send them to %s", (origin, realm) => {
    expect(realmProblem(realm, registry(origin))).toBeUndefined();
  });

  it.each([
    ["https://ghcr.io", "http://ghcr.io/token", /not https/],
    ["https://ghcr.io", "ftp://ghcr.io/token", /not https/],
    ["https://ghcr.io", "https://ghrc.io/token", /outside the registry's own domain/],
    ["https://ghcr.io", "https://evil.io/token", /outside the registry's own domain/],
    ["https://registry.example.co.uk", "https://evil.co.uk/token", /outside the registry's own domain/],
    ["https://ghcr.io", "https://169.254.169.254/latest/meta-data", /loopback, private or link-local/],
    ["https://ghcr.io", "https://10.0.0.5/token", /loopback, private or link-local/],
    ["https://ghcr.io", "https://[::1]/token", /loopback, private or link-local/],
    ["https://ghcr.io", "https://[::ffff:127.0.0.1]/token", /loopback, private or link-local/],
    ["https://ghcr.io", "https://localhost/token", /loopback, private or link-local/],
    ["https://ghcr.io", "https://user:pw@ghcr.io/token", /carries credentials/],
    ["http://127.0.0.1:5000", "http://127.0.0.1:5001/token", /loopback, private or link-local/],
    ["http://127.0.0.1:5000", "http://localhost:5000/token", /loopback, private or link-local/],
    ["https://203.0.113.7", "https://203.0.113.8/token", /outside the registry's own domain/],
    ["https://ghcr.io", "not a url", /not a URL/],
  ])("refuses %s sending them to %s", (origin, realm, why) => {
    expect(realmProblem(realm, registry(origin))).toMatch(why);
  });
});
