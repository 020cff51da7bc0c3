// What a policy config may lower, with the clock set by the test: a level exception needs a reason and a date
// from today to 90 days ahead, and prod lowers a registry rule only under one.
import { levelExceptionErrors, PROTECTED_IN_PROD, todayUtc } from "../src/level-exceptions";

const TODAY = "2026-11-29";
const FILE = "config/prod.json";
const lowered = (levelException: unknown) => ({
  "private-image-credentials": { enforcementLevel: "advisory", levelException },
});
const check = (doc: Record<string, unknown>, env = "prod", today = TODAY) =>
  levelExceptionErrors(doc, FILE, env, today);

it("accepts a registry rule lowered in prod under an exception with a reason and an expiry date", () => {
  expect(check(lowered({ reason: "vendor image moves to ECR in sprint 12", expires: "2027-01-31" }))).toEqual([]);
});

it.each([
  ["expires today", "2026-11-29"],
  ["expires in 90 days, the longest a waiver runs", "2027-02-27"],
])("accepts an exception that %s", (_, expires) => {
  expect(check(lowered({ reason: "r", expires }))).toEqual([]);
});

it.each([
  [
    "a missing reason",
    { expires: "2027-01-31" },
    "`private-image-credentials.levelException.reason` is missing; it must be a non-empty text",
  ],
  [
    "a blank reason",
    { reason: "  ", expires: "2027-01-31" },
    '`private-image-credentials.levelException.reason` is "  "',
  ],
  [
    "a missing date",
    { reason: "r" },
    "`private-image-credentials.levelException.expires` is missing, which is not a date",
  ],
  [
    "a day that does not exist",
    { reason: "r", expires: "2027-02-30" },
    '.expires` is "2027-02-30", which is not a date',
  ],
  [
    "a date in another format",
    { reason: "r", expires: "31.01.2027" },
    '.expires` is "31.01.2027", which is not a date',
  ],
  ["yesterday's date", { reason: "r", expires: "2026-11-28" }, "the exception expired on 2026-11-28"],
  [
    "a date 91 days ahead",
    { reason: "r", expires: "2027-02-28" },
    '.expires` is "2027-02-28", more than 90 days ahead',
  ],
  ["an unknown key", { reason: "r", expires: "2027-01-31", approvedBy: "me" }, "unknown key `approvedBy`"],
  ["a string instead of an object", "until January", 'is "until January"; it must be an object'],
])(
  "refuses an exception with %s, naming the file, the key, the value, what is allowed and a Fix",
  (_, value, message) => {
    const errors = check(lowered(value));
    expect(errors).toEqual([expect.stringContaining(message)]);
    expect(errors[0]).toMatch(/^config\/prod\.json: `private-image-credentials\.levelException/);
    expect(errors[0]).toContain(
      'Fix: "private-image-credentials": { "enforcementLevel": "advisory", "levelException": ',
    );
  },
);

it("names what is allowed for the date: from today to 90 days ahead", () => {
  expect(check(lowered({ reason: "r", expires: "2026-01-01" }))[0]).toContain(
    "a date YYYY-MM-DD from today (2026-11-29) to 90 days ahead (2027-02-27)",
  );
});

it("refuses an exception that waives nothing, because the rule stays mandatory", () => {
  const doc = { "private-image-credentials": { levelException: { reason: "r", expires: "2027-01-31" } } };
  expect(check(doc)).toEqual([expect.stringContaining("`private-image-credentials.levelException` waives nothing")]);
});

it.each(PROTECTED_IN_PROD.flatMap((rule) => [[rule, "advisory"] as const, [rule, "disabled"] as const]))(
  "refuses %s at %s in prod without an exception, with a Fix that passes once applied",
  (rule, level) => {
    const [error] = check({ [rule]: level });
    expect(error).toContain(`${FILE}: \`${rule}\` is ${level} in prod (got "${level}")`);
    const fix = /to lower the whole rule for a time, (.+)$/.exec(error!)![1]!;
    const fixed = JSON.parse(`{${fix}}`) as Record<string, unknown>;
    expect(check(fixed)).toEqual([]);
  },
);

it("refuses `all: disabled` in prod once for each registry rule, and accepts it when each has an exception", () => {
  expect(check({ all: "disabled" })).toHaveLength(PROTECTED_IN_PROD.length);
  const exception = { levelException: { reason: "r", expires: "2027-01-31" } };
  const covered = Object.fromEntries(PROTECTED_IN_PROD.map((rule) => [rule, exception]));
  expect(check({ all: "disabled", ...covered })).toEqual([]);
});

it("lets staging lower a registry rule without an exception, but still refuses an expired one there", () => {
  expect(check({ "private-image-credentials": "advisory" }, "staging")).toEqual([]);
  expect(check(lowered({ reason: "r", expires: "2026-11-01" }), "staging")).toEqual([
    expect.stringContaining("expired on 2026-11-01"),
  ]);
});

it("lets prod lower a rule outside the registry three without an exception", () => {
  expect(check({ "image-digest-pinned": "advisory" })).toEqual([]);
});

it("expires by the clock it is given, not by today's date", () => {
  const exception = lowered({ reason: "r", expires: "2027-01-31" });
  expect(check(exception, "prod", "2027-01-31")).toEqual([]);
  expect(check(exception, "prod", "2027-02-01")).toEqual([expect.stringContaining("expired on 2027-01-31")]);
});

it("reads today in UTC as YYYY-MM-DD", () => {
  expect(todayUtc(new Date("2026-11-29T23:59:59Z"))).toBe("2026-11-29");
  expect(todayUtc(new Date("2026-11-30T00:00:00+01:00"))).toBe("2026-11-29");
});
