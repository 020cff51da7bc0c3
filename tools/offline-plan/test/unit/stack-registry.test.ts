import { StackRegistry } from "../../src/stack-registry";
import type { StackIdentity } from "../../src/types";

const id = (project: string, organization = "organization", organizationConfigured = false): StackIdentity => ({
  organization,
  project,
  stack: "dev",
  organizationConfigured,
});

describe("StackRegistry", () => {
  it("resolves a reference once the upstream program has finished, and orders upstream stacks first", async () => {
    const registry = new StackRegistry();
    const [service, networking] = [id("service"), id("networking")];
    registry.add(service);
    registry.add(networking);
    const outputs = registry.resolve(service, "organization/networking/dev");
    registry.finish(networking, { vpcId: "vpc-1" });
    await expect(outputs).resolves.toEqual({ vpcId: "vpc-1" });
    registry.finish(service, {});
    expect(registry.order().map((s) => s.project)).toEqual(["networking", "service"]);
  });

  it("says which unfinished stack a program waits on, so the run can let that stack's program start", async () => {
    const waitedOn: string[] = [];
    const registry = new StackRegistry((name) => waitedOn.push(name));
    const [service, networking, access] = [id("service"), id("networking"), id("registry-access")];
    [service, networking, access].forEach((stack) => registry.add(stack));
    registry.finish(access, {});
    const outputs = [registry.resolve(service, "networking/dev"), registry.resolve(service, "registry-access/dev")];
    registry.finish(networking, {});
    await Promise.all(outputs);
    expect(waitedOn).toEqual(["organization/networking/dev"]);
  });

  it("accepts `project/stack` and a bare stack of the same project, as Pulumi does", async () => {
    const registry = new StackRegistry();
    const [a, b] = [id("a"), id("b")];
    registry.add(a);
    registry.add(b);
    registry.finish(b, { x: 1 });
    await expect(registry.resolve(a, "b/dev")).resolves.toEqual({ x: 1 });
  });

  it("rejects an organization other than the one configured for the upstream project", async () => {
    const registry = new StackRegistry();
    const [service, networking] = [id("service"), id("networking", "acme", true)];
    registry.add(service);
    registry.add(networking);
    await expect(registry.resolve(service, "other/networking/dev")).rejects.toThrow(
      "StackReference `other/networking/dev` names a stack that is not part of this run (networking/dev is in this run as acme/networking/dev).",
    );
  });

  it("fails a reference to a failed upstream stack, naming it", async () => {
    const registry = new StackRegistry();
    const [service, networking] = [id("service"), id("networking")];
    registry.add(service);
    registry.add(networking);
    registry.finish(networking, null);
    await expect(registry.resolve(service, "organization/networking/dev")).rejects.toThrow(
      "the upstream stack organization/networking/dev failed, so its outputs are unknown",
    );
  });

  it("detects stacks that reference each other instead of waiting forever", async () => {
    const registry = new StackRegistry();
    const [a, b] = [id("a"), id("b")];
    registry.add(a);
    registry.add(b);
    void registry.resolve(a, "organization/b/dev");
    await expect(registry.resolve(b, "organization/a/dev")).rejects.toThrow(
      "StackReferences form a cycle, so none of these stacks can finish: organization/b/dev → organization/a/dev → organization/b/dev.",
    );
  });
});
