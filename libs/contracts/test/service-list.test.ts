import { isServiceProject, SERVICE_PROJECTS, SERVICE_UPSTREAMS, UPSTREAM_PROJECTS } from "../src/stacks";

it("gives every service project the same upstream stacks in the stack graph", () => {
  for (const service of SERVICE_PROJECTS) expect(UPSTREAM_PROJECTS[service]).toEqual(SERVICE_UPSTREAMS);
  expect(SERVICE_PROJECTS.every(isServiceProject)).toBe(true);
  expect(["networking", "registry-access", "shop"].some(isServiceProject)).toBe(false);
});
