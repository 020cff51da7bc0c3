// What a policy config may waive, with the clock set by the test: a level exception or a resource exception needs
// a reason and a date from today to 90 days ahead, prod lowers a registry rule only under one, and a file that sets
// no level is refused in staging and prod and warned about in dev.
import { todayUtc } from "@platform/config/waiver";
import { packConfigOf } from "../src/pack-config-file";
import { judgePackConfig, PROTECTED_IN_PROD } from "../src/waivers";

const TODAY = "2026-11-29";
const FILE = "config/prod.json";
const lowered = (levelException: unknown) => ({
  "private-image-credentials": { enforcementLevel: "advisory", levelException },
});
const check = (doc: Record<string, unknown>, env = "prod", today = TODAY) =>
  judgePackConfig(packConfigOf(doc, FILE), env, today).errors;

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
  const doc = {
    "private-image-credentials": { levelException: { reason: "r", expires: "2027-01-31" } },
    "image-digest-pinned": "mandatory",
  };
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

describe("resource exceptions", () => {
  const URN = "urn:pulumi:prod::service::aws:ecs/taskDefinition:TaskDefinition::api";
  const skipping = (exception: unknown) => ({
    "image-digest-pinned": { enforcementLevel: "mandatory", exceptions: [exception] },
  });

  it("accepts one with a URN, a reason and an expiry date", () => {
    expect(check(skipping({ urn: URN, reason: "pinned by the promotion job", expires: "2027-01-31" }))).toEqual([]);
  });

  it.each([
    ["no reason", { urn: URN, expires: "2027-01-31" }, "`image-digest-pinned.exceptions[0].reason` is missing"],
    [
      "a blank reason",
      { urn: URN, reason: " ", expires: "2027-01-31" },
      '`image-digest-pinned.exceptions[0].reason` is " "',
    ],
    [
      "no expiry",
      { urn: URN, reason: "r" },
      "`image-digest-pinned.exceptions[0].expires` is missing, which is not a date",
    ],
    ["a past expiry", { urn: URN, reason: "r", expires: "2026-11-01" }, "the exception expired on 2026-11-01"],
    ["an expiry too far ahead", { urn: URN, reason: "r", expires: "2027-06-01" }, "more than 90 days ahead"],
    ["no URN", { reason: "r", expires: "2027-01-31" }, "`image-digest-pinned.exceptions[0].urn` is missing"],
  ])("refuses one with %s, naming the file, the key, the value and a Fix that passes", (_, exception, message) => {
    const errors = check(skipping(exception));
    expect(errors).toEqual([expect.stringContaining(message)]);
    expect(errors[0]).toMatch(/^config\/prod\.json: `image-digest-pinned\.exceptions\[0\]/);
    const fix = /Fix: "exceptions": (\[.+\])$/.exec(errors[0]!)![1]!;
    const fixed = (JSON.parse(fix) as Array<Record<string, unknown>>).map((e) => ({ ...e, urn: URN }));
    expect(check({ "image-digest-pinned": { enforcementLevel: "mandatory", exceptions: fixed } })).toEqual([]);
  });

  it("judges them in every environment, not only prod", () => {
    expect(check(skipping({ urn: URN }), "dev")).toHaveLength(2);
  });
});

describe("a config that sets no level", () => {
  const judge = (doc: Record<string, unknown>, env: string) =>
    judgePackConfig(packConfigOf(doc, `config/${env}.json`), env, TODAY);

  it.each(["staging", "prod"])("is refused in %s, naming the file and the levels the profile expects", (env) => {
    const { errors, warnings } = judge({}, env);
    expect(warnings).toEqual([]);
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^config/${env}\\.json: sets no enforcement level, so the pack runs on its built-in levels instead of the ${env} profile's \\(.*image-digest-pinned: .*\\)\\. Fix: `,
        ),
      ),
    ]);
  });

  it("is not held to the profile's levels when the pack is another than the one they are generated for", () => {
    const config = packConfigOf({}, "config/prod.json");
    expect(judgePackConfig(config, "prod", TODAY, { profileLevels: false })).toEqual({ errors: [], warnings: [] });
  });

  it("is a warning in dev, with the same words", () => {
    const { errors, warnings } = judge({ "private-image-credentials": { publicImagePrefixes: [] } }, "dev");
    expect(errors).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/^config\/dev\.json: sets no enforcement level, .* Fix: /)]);
  });

  it("is not reported for an environment without a profile, or once any level is set", () => {
    expect(judge({}, "example")).toEqual({ errors: [], warnings: [] });
    expect(judge({ all: "mandatory" }, "prod")).toEqual({ errors: [], warnings: [] });
  });
});
