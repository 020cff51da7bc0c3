import { awsMocks, nameAfterAliases } from "../src";

type Registered = { id: string; state: Record<string, unknown> };

/** A request as the SDK sends it: the type, the name, and alias specs (a name, or none) or alias URNs. */
const request = (type: string, name: string, aliases: { name?: string; urn?: string }[] = [], remote = false) => ({
  getType: () => type,
  getName: () => name,
  getRemote: () => remote,
  getAliasesList: () =>
    aliases.map((a) => ({
      getUrn: () => a.urn ?? "",
      getSpec: () => (a.urn ? undefined : { getName: () => a.name ?? "" }),
    })),
});

/** A monitor that hands the mocks the request's own name, as the SDK's mock monitor does. */
function monitorOver(mocks: ReturnType<typeof awsMocks>) {
  const registered: Registered[] = [];
  const monitor = {
    registerResource(req: ReturnType<typeof request>, callback: (err: unknown, resp?: unknown) => void) {
      registered.push(
        mocks.newResource({ type: req.getType(), name: req.getName(), inputs: {}, custom: true }) as Registered,
      );
      callback(null);
    },
  };
  nameAfterAliases(monitor, mocks);
  return {
    register: (req: ReturnType<typeof request>) => (monitor.registerResource(req, () => {}), registered.at(-1)!),
  };
}

const CLUSTER = "aws:ecs/cluster:Cluster";

it("names a resource an alias moved as the resource it was: the same AWS name and IDs", () => {
  const before = awsMocks().newResource({ type: CLUSTER, name: "app-dev", inputs: {}, custom: true }) as Registered;
  const { register } = monitorOver(awsMocks());
  expect(register(request(CLUSTER, "service-dev", [{ name: "app-dev" }]))).toEqual(before);
  const byUrn = monitorOver(awsMocks()).register(
    request(CLUSTER, "service-dev", [{ urn: `urn:pulumi:dev::service::${CLUSTER}::app-dev` }]),
  );
  expect(byUrn).toEqual(before);
});

it("names a resource by its own name when its aliases keep the name (another type or parent)", () => {
  const own = awsMocks().newResource({ type: CLUSTER, name: "service-dev", inputs: {}, custom: true }) as Registered;
  const { register } = monitorOver(awsMocks());
  expect(register(request(CLUSTER, "service-dev", [{ name: "" }, { name: "service-dev" }]))).toEqual(own);
  expect(register(request(CLUSTER, "service-dev"))).toEqual(own);
});

it("names a packaged component by its own name: its plugin never receives the alias, so its children are new", () => {
  const FARGATE = "awsx:ecs:FargateService";
  const own = awsMocks().newResource({ type: FARGATE, name: "service-dev", inputs: {}, custom: true }) as Registered;
  const { register } = monitorOver(awsMocks());
  const moved = register(request(FARGATE, "service-dev", [{ name: "app-dev" }], true));
  expect(moved).toEqual(own);
  const before = awsMocks().newResource({ type: FARGATE, name: "app-dev", inputs: {}, custom: true }) as Registered;
  expect(moved.state["service"]).not.toEqual(before.state["service"]);
});
