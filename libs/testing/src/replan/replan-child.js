// The process that plans fixed configs again (see replan.ts). It loads the Pulumi SDK natively *before* tsx
// hooks `require`, as the offline plan's program process does: through tsx every SDK file pays for the hook.
"use strict";
const path = require("node:path");
const { createRequire } = require("node:module");

const request = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const sdkRequire = createRequire(path.join(request.workspaceRoot, "package.json"));
require("@platform/policy-analyzer/preload-dependencies").preloadSdks(sdkRequire, ["@pulumi/pulumi", "@pulumi/aws"]);
require("tsx/cjs/api").register();
require("./replan-worker.ts")
  .replanAll(request, sdkRequire)
  .then((results) => process.send(results, () => process.exit(0)))
  .catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
    process.exit(1);
  });
