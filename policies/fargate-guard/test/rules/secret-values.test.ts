import { hasUrlPassword, secretArguments } from "../../src/lib/secret-values";

describe("hasUrlPassword", () => {
  it.each([
    "postgres://app:s3cr3t@db.internal:5432/app",
    "redis://:s3cr3t@cache:6379/0",
    "mongodb+srv://app:p%40ss@cluster0.example.net/db",
    "--db postgres://app:s3cr3t@db/app",
  ])("finds the password in %s", (text) => {
    expect(hasUrlPassword(text)).toBe(true);
  });

  it.each([
    "redis://cache.internal:6379/0",
    "https://user@example.com/profile",
    "https://example.com/login?next=https://example.com",
    "postgres://app:${DB_PASSWORD}@db/app",
    "not a url: user:pass@host",
    "",
  ])("finds none in %s", (text) => {
    expect(hasUrlPassword(text)).toBe(false);
  });
});

describe("secretArguments", () => {
  it.each([
    [["redis-server", "--requirepass", "s3cr3t"], ["--requirepass"]],
    [["worker", "--api-key=s3cr3t", "--queue", "jobs"], ["--api-key"]],
    [["sh", "-c", "exec worker --token s3cr3t --queue jobs"], ["--token"]],
    [["migrate", "--url", "postgres://app:s3cr3t@db/app"], ["URL with a password"]],
  ])("finds the secret flags of %j", (args, flags) => {
    expect(secretArguments(args)).toEqual(flags);
  });

  it.each([
    [["node", "server.js", "--port", "8080", "--password-file", "/run/secrets/db"]],
    [["sh", "-c", 'redis-server --requirepass "$REDIS_PASSWORD"']],
    [["redis-server", "--requirepass", "${REDIS_PASSWORD}"]],
    [["app", "--token", "--verbose"]],
    [["app", "--token"]],
    [["app", { "Fn::Join": [] }]],
  ])("finds none in %j", (args) => {
    expect(secretArguments(args)).toEqual([]);
  });
});
