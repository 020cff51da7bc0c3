import { normalizePolicyDocument } from "../src";

const statement = {
  Effect: "Allow",
  Action: "secretsmanager:GetSecretValue",
  Resource: "arn:aws:secretsmanager:eu-central-1:111111111111:secret:a-AbCdEf",
};
const document = { Version: "2012-10-17", Statement: [statement] };

describe("normalizePolicyDocument", () => {
  it("returns an object document unchanged in shape", () => {
    expect(normalizePolicyDocument(document)).toEqual(document);
  });

  it("parses a JSON string, as Pulumi passes `policy` inputs", () => {
    expect(normalizePolicyDocument(JSON.stringify(document))).toEqual(document);
  });

  it("turns a single Statement object into a one-element array", () => {
    expect(normalizePolicyDocument({ Version: "2012-10-17", Statement: statement })).toEqual(document);
  });

  it.each([[undefined], ["2008-10-17"]])("reports Version %j as 2012-10-17", (version) => {
    expect(normalizePolicyDocument({ Version: version, Statement: [statement] })?.Version).toBe("2012-10-17");
  });

  it("does not share statement objects with its input", () => {
    const input = { Version: "2012-10-17", Statement: [{ ...statement }] };
    const normalized = normalizePolicyDocument(input);
    expect(normalized?.Statement[0]).not.toBe(input.Statement[0]);
  });

  it.each([
    ["malformed JSON", '{"Version": '],
    ["a JSON array", "[]"],
    ["a number", 42],
    ["null", null],
    ["no Statement", { Version: "2012-10-17" }],
    ["an empty Statement list", { Version: "2012-10-17", Statement: [] }],
    ["an unknown Version", { Version: "2024-01-01", Statement: [statement] }],
    ["a statement without Effect", { Version: "2012-10-17", Statement: [{ Action: "*", Resource: "*" }] }],
    ["a lower-case Effect", { Version: "2012-10-17", Statement: [{ ...statement, Effect: "allow" }] }],
    ["a string statement", { Version: "2012-10-17", Statement: ["Allow everything"] }],
  ])("returns undefined for %s", (_why, input) => {
    expect(normalizePolicyDocument(input)).toBeUndefined();
  });
});
