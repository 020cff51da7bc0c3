// The registry token's expiry, asked of a loopback fake of GitHub's and GitLab's token-inspection APIs that
// records every request: the token goes to its own issuer's API only, and never where a redirect points.
import { REGISTRY_TOKEN_EXAMPLES } from "@platform/testing";
import { checkTokenExpiry, type ExpiryOptions } from "../src/checks/token-expiry";
import { textReport } from "../src/report";
import {
  startRecordingServer,
  type RecordingServer,
} from "../../../libs/registry-client/test/support/recording-server";

const NOW = new Date("2026-12-07T12:00:00Z");
const token = (prefix: string) => REGISTRY_TOKEN_EXAMPLES[prefix]!.value;
const credentials = (prefix: string) => ({ username: "robot", password: token(prefix), source: "secret" });
let github: RecordingServer;
let gitlab: RecordingServer;
let elsewhere: RecordingServer;
/** What the fakes answer, per test. */
let githubExpiration: string | undefined;
let githubStatus = 200;
let gitlabBody = "";

beforeAll(async () => {
  elsewhere = await startRecordingServer((_request, response) => response.writeHead(200).end("{}"));
  github = await startRecordingServer((request, response) => {
    if (request.url === "/redirect/user")
      return void response.writeHead(302, { location: `${elsewhere.origin}/user` }).end();
    const expiry = githubExpiration ? { "github-authentication-token-expiration": githubExpiration } : {};
    response.writeHead(githubStatus, { "content-type": "application/json", ...expiry }).end('{"login":"robot"}');
  });
  gitlab = await startRecordingServer((_request, response) =>
    response.writeHead(200, { "content-type": "application/json" }).end(gitlabBody),
  );
});
afterAll(() => Promise.all([github, gitlab, elsewhere].map((server) => server.close())));
beforeEach(() => {
  githubExpiration = undefined;
  githubStatus = 200;
  gitlabBody = '{"expires_at":null}';
  for (const server of [github, gitlab, elsewhere]) server.requests.length = 0;
});

const options = (more: Partial<ExpiryOptions> = {}): ExpiryOptions => ({
  apis: { github: github.origin, gitlab: `${gitlab.origin}/api/v4` },
  now: NOW,
  ...more,
});

describe("a ghcr.io classic token", () => {
  it("that expires in 9 days is a warning with the rotation command, named as the drift run shows it", async () => {
    githubExpiration = "2026-12-16 13:00:00 UTC";
    const result = await checkTokenExpiry("ghcr.io", "prod", credentials("ghp_"), options());
    expect(result).toEqual({
      check: "ghcr.io token expiry",
      ok: true,
      warning: true,
      detail: "ghcr.io token for prod expires in 9 days (2026-12-16)",
      fix: "create a new token, then: npm run rotate-registry-token -- --env prod --registry ghcr.io",
    });
    expect(textReport({ env: "prod", service: "service" }, [result])).toContain(
      "WARN  ghcr.io token expiry: ghcr.io token for prod expires in 9 days (2026-12-16)\n      Fix: create a new token",
    );
    // Sent to GitHub's API only, as GitHub asks for it.
    expect(github.requests).toEqual([{ method: "GET", path: "/user", authorization: `Bearer ${token("ghp_")}` }]);
    expect(gitlab.requests).toEqual([]);
  });

  it("that expires in 60 days passes, and warns from a threshold of 90", async () => {
    githubExpiration = "2027-02-05 12:00:00 UTC";
    const result = await checkTokenExpiry("ghcr.io", "dev", credentials("ghp_"), options());
    expect(result).toEqual({
      check: "ghcr.io token expiry",
      ok: true,
      detail: "ghcr.io token for dev expires in 60 days (2027-02-05)",
    });
    expect((await checkTokenExpiry("ghcr.io", "dev", credentials("ghp_"), options({ warningDays: 90 }))).warning).toBe(
      true,
    );
  });

  it("that has expired fails", async () => {
    githubExpiration = "2026-12-01 00:00:00 UTC";
    const result = await checkTokenExpiry("ghcr.io", "prod", credentials("ghp_"), options());
    expect(result.ok).toBe(false);
    expect(result.detail).toBe("ghcr.io token for prod expired on 2026-12-01; every task start fails with 401");
  });

  it("that GitHub refuses fails as expired or revoked", async () => {
    githubStatus = 401;
    const result = await checkTokenExpiry("ghcr.io", "prod", credentials("ghp_"), options());
    expect(result).toMatchObject({
      ok: false,
      detail: `ghcr.io token for prod is refused by ${github.origin}: it has expired or was revoked`,
    });
  });

  it("without an expiry header does not expire", async () => {
    expect((await checkTokenExpiry("ghcr.io", "prod", credentials("ghp_"), options())).detail).toBe(
      "ghcr.io token for prod does not expire",
    );
  });

  it("is not sent where the API redirects, and its expiry is then unknown", async () => {
    const result = await checkTokenExpiry(
      "ghcr.io",
      "prod",
      credentials("ghp_"),
      options({ apis: { github: `${github.origin}/redirect`, gitlab: gitlab.origin } }),
    );
    expect(result).toEqual({
      check: "ghcr.io token expiry",
      ok: true,
      detail: `ghcr.io token for prod: expiry unknown (${github.origin} did not answer)`,
    });
    expect(elsewhere.requests).toEqual([]);
  });

  it("is not sent to an API over plain http that is not a loopback", async () => {
    const result = await checkTokenExpiry(
      "ghcr.io",
      "prod",
      credentials("ghp_"),
      options({ apis: { github: "http://api.example.com", gitlab: gitlab.origin } }),
    );
    expect(result.detail).toBe(
      "ghcr.io token for prod: expiry unknown (http://api.example.com is not https, so the token is not sent there)",
    );
  });
});

describe("a registry.gitlab.com personal access token", () => {
  it("is asked of GitLab's own-token endpoint, and expires at 00:00 UTC of its date", async () => {
    gitlabBody = '{"id":4,"name":"pull","expires_at":"2026-12-20","active":true}';
    const result = await checkTokenExpiry("registry.gitlab.com", "staging", credentials("glpat-"), options());
    expect(result.detail).toBe("registry.gitlab.com token for staging expires in 12 days (2026-12-20)");
    expect(gitlab.requests.map((r) => r.path)).toEqual(["/api/v4/personal_access_tokens/self"]);
    expect(github.requests).toEqual([]);
  });

  it("without expires_at does not expire", async () => {
    expect((await checkTokenExpiry("registry.gitlab.com", "dev", credentials("glpat-"), options())).detail).toBe(
      "registry.gitlab.com token for dev does not expire",
    );
  });
});

describe("an expiry no API states", () => {
  it.each([
    ["registry.gitlab.com", "gldt-", "a GitLab deploy token"],
    ["docker.io", "dckr_pat_", "a Docker Hub personal access token"],
    ["docker.io", "dckr_oat_", "a Docker Hub organization access token"],
    // A self-managed GitLab's API is not known from its registry's host: its token goes nowhere else.
    ["registry.example.com", "glpat-", "a GitLab personal access token"],
    ["registry.example.com", "ghp_", "a GitHub personal access token (classic)"],
  ])("is unknown for %s with %s, and nothing is asked", async (host, prefix, kind) => {
    const result = await checkTokenExpiry(host, "dev", credentials(prefix), options());
    expect(result).toEqual({
      check: `${host} token expiry`,
      ok: true,
      detail: `${host} token for dev: expiry unknown (${host} states none for ${kind})`,
    });
    expect([...github.requests, ...gitlab.requests]).toEqual([]);
  });

  it("is unknown for a password of no known kind", async () => {
    const result = await checkTokenExpiry("quay.io", "dev", { username: "u", password: "pw", source: "s" }, options());
    expect(result.detail).toBe("quay.io token for dev: expiry unknown (quay.io states none for this token)");
  });
});
