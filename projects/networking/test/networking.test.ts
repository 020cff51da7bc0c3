import { ENVIRONMENTS } from "@platform/config/environments";
import * as path from "node:path";
import { networkingContract } from "@platform/contracts";
import { type ProgramRun, runProgram } from "@platform/testing";

const projectDir = path.resolve(__dirname, "..");
const ENVS = ENVIRONMENTS;
const runs = new Map<string, ProgramRun>();

beforeAll(async () => {
  for (const env of ENVS) runs.set(env, await runProgram({ projectDir, env }));
});
const run = (env: string) => runs.get(env)!;

describe.each(ENVS)("networking/%s", (env) => {
  it("exports every output of the networking contract, well-formed", () => {
    expect(networkingContract.schema.safeParse(run(env).outputs).error).toBeUndefined();
  });

  it("admits only the ALB security group, on the service port, into the service security group", () => {
    const r = run(env);
    const serviceSg = r.outputs.serviceSecurityGroupId;
    const ingress = r
      .ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
      .filter((x) => x.inputs.securityGroupId === serviceSg);
    expect(ingress.map((x) => x.inputs)).toEqual([
      expect.objectContaining({
        ipProtocol: "tcp",
        fromPort: 8098,
        toPort: 8098,
        referencedSecurityGroupId: r.outputs.albSecurityGroupId,
      }),
    ]);
    expect(ingress[0]!.inputs.cidrIpv4).toBeUndefined();
    // No inline rules, which would bypass the separate rule resources above.
    for (const sg of r.ofType("aws:ec2/securityGroup:SecurityGroup")) expect(sg.inputs.ingress ?? []).toEqual([]);
  });

  it("lets the ALB reach only the service security group", () => {
    const r = run(env);
    const egress = r
      .ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
      .filter((x) => x.inputs.securityGroupId === r.outputs.albSecurityGroupId);
    expect(egress.map((x) => [x.inputs.referencedSecurityGroupId, x.inputs.fromPort, x.inputs.cidrIpv4])).toEqual([
      [r.outputs.serviceSecurityGroupId, 8098, undefined],
    ]);
  });

  it("leaves target groups to the services: the load balancer holds none of its own", () => {
    expect(run(env).ofType("aws:lb/targetGroup:TargetGroup")).toEqual([]);
  });

  it("spans two availability zones", () => {
    const r = run(env);
    expect(r.one("awsx:ec2:Vpc").inputs.numberOfAvailabilityZones).toBe(2);
    expect(r.outputs.privateSubnetIds).toHaveLength(2);
  });
});

it.each([
  ["dev", "Single"],
  ["staging", "Single"],
  ["prod", "OnePerAz"],
])("%s uses the %s NAT gateway strategy", (env, strategy) => {
  expect(run(env).one("awsx:ec2:Vpc").inputs.natGateways).toEqual({ strategy });
});

it.each([
  ["dev", false],
  ["staging", false],
  ["prod", true],
])("%s protects the ALB and its listeners from a destroy: %s", (env, protect) => {
  const shared = [
    ...run(env).ofType("aws:lb/loadBalancer:LoadBalancer"),
    ...run(env).ofType("aws:lb/listener:Listener"),
  ];
  expect(shared.length).toBeGreaterThanOrEqual(2);
  // Pulumi stops a destroy at them; AWS refuses to delete the ALB as well.
  expect(shared.map((r) => r.lifecycle.protect)).toEqual(shared.map(() => protect));
  expect(run(env).one("aws:lb/loadBalancer:LoadBalancer").inputs.enableDeletionProtection).toBe(protect);
  // The rest of the environment (VPC, security groups) stays destroyable.
  expect(run(env).one("awsx:ec2:Vpc").lifecycle.protect).toBe(false);
  expect(
    run(env)
      .ofType("aws:ec2/securityGroup:SecurityGroup")
      .map((r) => r.lifecycle.protect),
  ).toEqual([false, false]);
});

it("serves HTTPS in prod, with HTTP redirecting to it", () => {
  const listeners = run("prod")
    .ofType("aws:lb/listener:Listener")
    .map((l) => l.inputs);
  expect(listeners).toHaveLength(2);
  const https = listeners.find((l) => l.protocol === "HTTPS")!;
  expect(https).toMatchObject({ port: 443, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" });
  expect(https.certificateArn).toMatch(/^arn:aws:acm:eu-central-1:333333333333:certificate\//);
  expect(listeners.find((l) => l.protocol === "HTTP")!.defaultActions).toEqual([
    { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
  ]);
  expect(run("prod").outputs.listenerArn).toContain(":listener/app/");
  expect(run("prod").outputs.url).toMatch(/^https:\/\//);
});

it("serves plain HTTP in dev, answering 404 to what no service's rule matches", () => {
  const [listener] = run("dev")
    .ofType("aws:lb/listener:Listener")
    .map((l) => l.inputs);
  expect(listener).toMatchObject({
    port: 80,
    protocol: "HTTP",
    defaultActions: [
      {
        type: "fixed-response",
        fixedResponse: {
          contentType: "text/plain",
          statusCode: "404",
          messageBody: "No service matches this request.",
        },
      },
    ],
  });
});
