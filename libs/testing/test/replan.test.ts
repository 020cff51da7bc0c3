// The process that plans fixed configs again reports a program that fails, and keeps each run apart.
import * as path from "node:path";
import { replanPrograms, type ReplanJob } from "../src/replan/replan";

const projectDir = path.join(__dirname, "fixtures", "config-driven");
const job = (mode: string): ReplanJob => ({
  projectDir,
  project: "config-driven",
  env: "dev",
  values: { "aws:region": "eu-central-1", "config-driven:mode": mode },
  secretKeys: [],
  upstream: [],
});

let results: Awaited<ReturnType<typeof replanPrograms>>;
beforeAll(async () => {
  results = await replanPrograms([job("bucket"), job("throw"), job("reject"), job("bucket")]);
}, 60_000);

it("reports the resources a program declares with a good config, and no error", () => {
  expect(results[0]).toEqual({ errors: [], resourceTypes: ["aws:s3/bucket:Bucket"] });
});

it("reports what a program throws for a bad config", () => {
  expect(results[1]!.errors).toEqual([expect.stringContaining("config-driven refuses mode `throw`")]);
  expect(results[1]!.resourceTypes).toEqual([]);
});

it("reports an output that rejects", () => {
  expect(results[2]!.errors).toEqual([expect.stringContaining("a rejected output")]);
});

it("runs the program afresh each time, so a failed run leaves nothing to the next", () => {
  expect(results[3]).toEqual(results[0]);
});
