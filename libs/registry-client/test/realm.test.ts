import { isInternalHost, realmProblem } from "../src";

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
    ["https://registry.acme.github.io", "https://auth.acme.github.io/token"],
  ])("lets %s send them to %s", (origin, realm) => {
    expect(realmProblem(realm, registry(origin))).toBeUndefined();
  });

  it.each([
    ["https://ghcr.io", "http://ghcr.io/token", /not https/],
    ["https://ghcr.io", "ftp://ghcr.io/token", /not https/],
    ["https://ghcr.io", "https://ghrc.io/token", /outside the registry's own domain/],
    ["https://ghcr.io", "https://evil.io/token", /outside the registry's own domain/],
    ["https://registry.example.co.uk", "https://evil.co.uk/token", /outside the registry's own domain/],
    // The Public Suffix List's private section: each name under a shared hosting domain is its own domain.
    [
      "https://acme.github.io",
      "https://attacker.github.io/token",
      /outside the registry's own domain \(acme\.github\.io\)/,
    ],
    ["https://acme.herokuapp.com", "https://evil.herokuapp.com/token", /outside the registry's own domain/],
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

describe("realmProblem, the private address ranges a realm may not name", () => {
  // The first and last address of each range, so a range that shrank or went missing is caught at its edges.
  it.each([
    ["0.0.0.0/8", "0.0.0.1"],
    ["0.0.0.0/8", "0.255.255.255"],
    ["10.0.0.0/8", "10.0.0.0"],
    ["10.0.0.0/8", "10.255.255.255"],
    ["100.64.0.0/10 (carrier-grade NAT)", "100.64.0.0"],
    ["100.64.0.0/10 (carrier-grade NAT)", "100.127.255.255"],
    ["127.0.0.0/8", "127.0.0.1"],
    ["127.0.0.0/8", "127.255.255.254"],
    ["169.254.0.0/16", "169.254.0.1"],
    ["169.254.0.0/16", "169.254.255.255"],
    ["172.16.0.0/12", "172.16.0.0"],
    ["172.16.0.0/12", "172.31.255.255"],
    ["192.168.0.0/16", "192.168.0.0"],
    ["192.168.0.0/16", "192.168.255.255"],
    ["fc00::/7 (unique local)", "[fc00::]"],
    ["fc00::/7 (unique local)", "[fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]"],
    ["fe80::/10 (link-local)", "[fe80::1]"],
    ["fe80::/10 (link-local)", "[febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff]"],
    ["::/128", "[::]"],
    ["::1/128", "[::1]"],
  ])("refuses a realm in %s: %s", (_range, host) => {
    expect(realmProblem(`https://${host}/token`, registry("https://ghcr.io"))).toBe(
      `the realm https://${host} is a loopback, private or link-local address, and not the registry's own host`,
    );
  });

  // Just outside each range: a public address, refused only because it is not the registry's domain.
  it.each(["9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0"])(
    "does not call %s private",
    (address) => {
      expect(realmProblem(`https://${address}/token`, registry("https://ghcr.io"))).toBe(
        `the realm https://${address} is outside the registry's own domain (ghcr.io)`,
      );
    },
  );

  it.each(["192.167.255.255", "192.169.0.0", "[fbff::1]", "[fe00::1]", "[fec0::1]", "[::2]"])(
    "does not call %s private",
    (address) => {
      expect(isInternalHost(address)).toBe(false);
    },
  );

  it("lets a registry on a private address name itself, and no other port of that address", () => {
    expect(realmProblem("https://192.168.1.10:5000/token", registry("https://192.168.1.10:5000"))).toBeUndefined();
    expect(realmProblem("https://192.168.1.10:5001/token", registry("https://192.168.1.10:5000"))).toMatch(
      /loopback, private or link-local/,
    );
  });
});

describe("realmProblem, the rest of what a realm may not be", () => {
  it.each([
    ["a user name", "https://user@ghcr.io/token"],
    ["a password", "https://:pw@ghcr.io/token"],
  ])("refuses a realm URL that carries %s of its own", (_what, realm) => {
    expect(realmProblem(realm, registry("https://ghcr.io"))).toBe("the realm URL carries credentials of its own");
  });

  it("refuses a realm that is neither https nor http, even from a registry spoken to over http", () => {
    expect(realmProblem("ftp://127.0.0.1:5000/token", registry("http://127.0.0.1:5000"))).toBe(
      "the realm ftp://127.0.0.1:5000 is not https (only a registry spoken to over http may name an http realm)",
    );
  });

  it("names the registry's own address when it has no domain to compare with", () => {
    expect(realmProblem("https://203.0.113.8/token", registry("https://203.0.113.7"))).toBe(
      "the realm https://203.0.113.8 is outside the registry's own domain (203.0.113.7)",
    );
  });

  it.each([
    "LOCALHOST",
    "api.localhost",
    "Api.LocalHost",
    "[::1]",
    "[FE80::1]",
    "::ffff:127.0.0.1",
    "[::ffff:a01:203]",
  ])("calls %s internal, whatever its case or brackets", (host) => {
    expect(isInternalHost(host)).toBe(true);
  });

  it.each(["localhost.example.com", "ghcr.io", "::ffff:8.8.8.8", "[2001:db8::1]"])(
    "does not call %s internal",
    (host) => {
      expect(isInternalHost(host)).toBe(false);
    },
  );
});
