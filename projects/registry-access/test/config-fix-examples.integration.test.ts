// Every `Fix:` this project's config schema prints, applied and checked again (see @platform/testing).
import * as path from "node:path";
import { itAppliesEveryFix } from "@platform/testing";
import { registryAccessConfig } from "../src/config";

itAppliesEveryFix(path.resolve(__dirname, ".."), registryAccessConfig, [
  { "registry-access:registries": "[]" },
  { "registry-access:customerManagedKey": "yes" },
  { "registry-access:recoveryWindowInDays": "3" },
  { "registry-access:recoveryWindow": "7" },
]);
