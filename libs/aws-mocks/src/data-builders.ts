import { hexOf, secretSuffix, uuidOf } from "./fake-ids";
import type { BuildContext, BuiltState, ResourceBuilder } from "./resource-builders";

// Outputs that programs written elsewhere build task definitions from: a database's endpoint, and the values of the
// `random` provider (a generated password or suffix). The provider computes them on create, so a preview leaves
// them unknown; `pulumi up` knows them by the time a task definition that reads them is registered, and so do the
// mocks, which lets the rules judge such task definitions as an update would.

const text = (value: unknown, fallback = ""): string => (typeof value === "string" ? value : fallback);
const port = (value: unknown, engine: string): number =>
  typeof value === "number" ? value : /postgres/.test(engine) ? 5432 : 3306;

function database(kind: "db" | "cluster") {
  return ({ inputs, key, region, arn, physical }: BuildContext): BuiltState => {
    const identifier = text(inputs[kind === "db" ? "identifier" : "clusterIdentifier"]) || physical(63).toLowerCase();
    const engine = text(inputs["engine"], "mysql");
    const dbPort = port(inputs["port"], engine);
    // RDS endpoints: <identifier>.<12 characters of the account and region>.<region>.rds.amazonaws.com
    const host = (name: string) => `${name}.${hexOf(key, 12)}.${region}.rds.amazonaws.com`;
    const address = host(identifier);
    const shared = { arn: arn("rds", `${kind}:${identifier}`), engine, port: dbPort, hostedZoneId: "Z2R2ITUGPM61AM" };
    return kind === "db"
      ? {
          id: identifier,
          extra: {
            ...shared,
            identifier,
            address,
            endpoint: `${address}:${dbPort}`,
            resourceId: `db-${hexOf(key, 26).toUpperCase()}`,
          },
        }
      : {
          id: identifier,
          extra: {
            ...shared,
            clusterIdentifier: identifier,
            endpoint: address,
            readerEndpoint: host(`${identifier}-ro`),
            clusterResourceId: `cluster-${hexOf(key, 26).toUpperCase()}`,
          },
        };
  };
}

/** A deterministic stand-in for a generated value of `length` characters. */
const generated = (key: string, length: unknown): string => {
  const n = typeof length === "number" && length > 0 ? length : 16;
  let out = "";
  for (let i = 0; out.length < n; i++) out += secretSuffix(`${key}:${i}`);
  return out.slice(0, n);
};

export const DATA_BUILDERS: Readonly<Record<string, ResourceBuilder>> = {
  "aws:rds/instance:Instance": database("db"),
  "aws:rds/cluster:Cluster": database("cluster"),
  "random:index/randomPassword:RandomPassword": ({ inputs, key }) => {
    const result = generated(key, inputs["length"]);
    return { id: "none", extra: { result, bcryptHash: `$2a$10$${hexOf(key, 53)}` } };
  },
  "random:index/randomString:RandomString": ({ inputs, key }) => {
    const result = generated(key, inputs["length"]);
    return { id: result, extra: { result } };
  },
  "random:index/randomId:RandomId": ({ inputs, key }) => {
    const bytes = typeof inputs["byteLength"] === "number" ? inputs["byteLength"] : 8;
    const hex = text(inputs["prefix"]) + hexOf(key, bytes * 2);
    const b64Url = Buffer.from(hexOf(key, bytes * 2), "hex").toString("base64url");
    return { id: b64Url, extra: { hex, b64Url, b64Std: Buffer.from(hexOf(key, bytes * 2), "hex").toString("base64") } };
  },
  "random:index/randomUuid:RandomUuid": ({ key }) => {
    const result = uuidOf(key);
    return { id: result, extra: { result } };
  },
  "random:index/randomInteger:RandomInteger": ({ inputs, key }) => {
    const min = typeof inputs["min"] === "number" ? inputs["min"] : 0;
    const max = typeof inputs["max"] === "number" ? inputs["max"] : min + 100;
    const result = min + (parseInt(hexOf(key, 8), 16) % (max - min + 1));
    return { id: String(result), extra: { result } };
  },
  "random:index/randomPet:RandomPet": ({ inputs, key }) => {
    const words = ["quiet", "brave", "otter", "falcon", "amber", "lynx"];
    const length = typeof inputs["length"] === "number" ? inputs["length"] : 2;
    const pick = (i: number) => words[parseInt(hexOf(`${key}:${i}`, 4), 16) % words.length];
    const id = [text(inputs["prefix"]), ...Array.from({ length }, (_, i) => pick(i))]
      .filter(Boolean)
      .join(text(inputs["separator"], "-"));
    return { id, extra: {} };
  },
};
