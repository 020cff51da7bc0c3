import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadProject } from "../../src/discovery";
import { configEnvironment, programConfig } from "../../src/stack-config";

/** A throwaway Pulumi project with the given Pulumi.yaml `config:` block and stack file. */
function project(configBlock: string, stackFile?: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "offline-plan-config-"));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "Pulumi.yaml"), `name: web\nruntime: nodejs\nmain: index.ts\n${configBlock}`);
  writeFileSync(path.join(dir, "index.ts"), "export {};\n");
  if (stackFile !== undefined) writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stackFile);
  return loadProject(dir);
}

describe("programConfig", () => {
  it("passes stack values, project defaults and secret placeholders the way the CLI passes config", () => {
    const p = project(
      "config:\n  web:port:\n    type: integer\n    default: 8080\n",
      'config:\n  aws:region: eu-west-1\n  aws:allowedAccountIds: ["210987654321"]\n  web:token:\n    secure: v1:abc\n',
    );
    const config = programConfig(p, "dev");
    expect(config.values).toEqual({
      "aws:region": "eu-west-1",
      "aws:allowedAccountIds": '["210987654321"]',
      "web:port": "8080",
      "web:token": expect.stringContaining("placeholder") as unknown,
    });
    expect(config.secretKeys).toEqual(["web:token"]);
    expect(config.accountId).toBe("210987654321");
    expect(config.region).toBe("eu-west-1");
    expect(JSON.parse(configEnvironment(config, p.dir).PULUMI_CONFIG_SECRET_KEYS!)).toEqual(["web:token"]);
  });

  it("takes the organization from `<project>:org`, else Pulumi's default", () => {
    expect(programConfig(project("", "config:\n  web:org: acme\n"), "dev").identity).toMatchObject({
      organization: "acme",
      organizationConfigured: true,
    });
    expect(programConfig(project("", "config: {}\n"), "dev").identity).toMatchObject({
      organization: "organization",
      organizationConfigured: false,
    });
  });

  it("requires project keys declared without a default, as `pulumi preview` does", () => {
    const p = project("config:\n  web:port:\n    type: integer\n  aws:profile:\n    type: string\n", "config: {}\n");
    expect(() => programConfig(p, "dev")).toThrow(
      /Pulumi\.yaml declares `web:port` without a `default`, so the Pulumi CLI requires it in the stack file/,
    );
  });

  it("rejects a value that does not match its declared type, naming key, value and type", () => {
    const p = project("config:\n  web:port:\n    type: integer\n", "config:\n  web:port: eighty\n");
    expect(() => programConfig(p, "dev")).toThrow('`web:port` is "eighty" in');
    expect(() => programConfig(p, "dev")).toThrow("but Pulumi.yaml declares it `type: integer`");
  });

  it("rejects a plaintext value for a key declared secret", () => {
    const p = project("config:\n  web:token:\n    type: string\n    secret: true\n", "config:\n  web:token: hunter2\n");
    expect(() => programConfig(p, "dev")).toThrow("`web:token` is plaintext in");
  });

  it("rejects an allowed-accounts entry that is not a 12-digit account ID", () => {
    const p = project("", 'config:\n  aws:allowedAccountIds: ["prod"]\n');
    expect(() => programConfig(p, "dev")).toThrow('`aws:allowedAccountIds` is ["prod"] in');
  });

  it("runs with empty config when the project has no stack file", () => {
    const config = programConfig(project(""), "dev");
    expect(config.stackFile).toBeNull();
    expect(config.values).toEqual({});
  });
});
