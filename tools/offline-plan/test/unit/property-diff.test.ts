import { comparable, Secret } from "../../src/diff/display-value";
import { propertyChanges } from "../../src/diff/property-diff";
import { SECRET_SIG, SIG_KEY } from "@platform/policy-analyzer/wire-values";

const policy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const read = (resource: string) => ({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: resource });
const logs = {
  Effect: "Allow",
  Action: "logs:PutLogEvents",
  Resource: "arn:aws:logs:eu-west-1:444444444444:log-group:/ecs/app:*",
};

describe("propertyChanges", () => {
  it.each([
    [
      "a nested value, as its path",
      { a: { b: 1, c: 2 } },
      { a: { b: 1, c: 3 } },
      [{ path: "a.c", kind: "changed", old: 2, new: 3, secret: false }],
    ],
    [
      "an added and a removed key",
      { a: 1 },
      { b: 2 },
      [
        { path: "a", kind: "removed", old: 1, secret: false },
        { path: "b", kind: "added", new: 2, secret: false },
      ],
    ],
    [
      "an array element by position",
      { ports: [80, 443] },
      { ports: [80, 8443] },
      [{ path: "ports[1]", kind: "changed", old: 443, new: 8443, secret: false }],
    ],
    ["nothing for JSON strings that differ only in layout", { doc: '{"a": 1}' }, { doc: '{ "a":1 }' }, []],
    [
      "named objects by name, so an insertion does not shift the rest",
      { c: JSON.stringify([{ name: "x", cpu: 1 }]) },
      {
        c: JSON.stringify([
          { name: "w", cpu: 2 },
          { name: "x", cpu: 1 },
        ]),
      },
      [{ path: "c[name=w]", kind: "added", new: { name: "w", cpu: 2 }, secret: false }],
    ],
  ])("reports %s", (_what, before, after, expected) => {
    expect(propertyChanges(before, after)).toEqual(expected);
  });

  it("shows a changed statement of a policy without Sids whole, by its position", () => {
    const changes = propertyChanges({ policy: policy(logs, read("arn:a")) }, { policy: policy(logs, read("arn:b")) });
    expect(changes).toEqual([
      { path: "policy.Statement[1]", kind: "changed", old: read("arn:a"), new: read("arn:b"), secret: false },
    ]);
  });

  it("finds an unchanged statement wherever it moved, and reports only the added one", () => {
    const changes = propertyChanges({ policy: policy(logs) }, { policy: policy(read("arn:a"), logs) });
    expect(changes).toEqual([{ path: "policy.Statement[0]", kind: "added", new: read("arn:a"), secret: false }]);
  });

  it("matches statements by Sid, and a single statement object like an array of one", () => {
    const before = { policy: JSON.stringify({ Statement: { Sid: "Read", ...read("arn:a") } }) };
    const after = { policy: policy({ Sid: "Logs", ...logs }, { Sid: "Read", ...read("arn:b") }) };
    expect(propertyChanges(before, after).map((c) => [c.path, c.kind])).toEqual([
      ["policy.Version", "added"],
      ["policy.Statement[Sid=Read]", "changed"],
      ["policy.Statement[Sid=Logs]", "added"],
    ]);
  });

  it("says a secret changed without its value, even when it holds JSON", () => {
    const wire = (value: string) => comparable({ secretString: { [SIG_KEY]: SECRET_SIG, value } });
    const changes = propertyChanges(wire('{"password":"one"}'), wire('{"password":"two"}'));
    expect(changes).toEqual([
      { path: "secretString", kind: "changed", old: "[secret]", new: "[secret]", secret: true },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/one|two/);
  });

  it("reports nothing for an unchanged secret and masks a secret that is added", () => {
    expect(propertyChanges({ s: new Secret("x") }, { s: new Secret("x") })).toEqual([]);
    expect(propertyChanges({}, { s: new Secret("x") })).toEqual([
      { path: "s", kind: "added", new: "[secret]", secret: true },
    ]);
  });
});
