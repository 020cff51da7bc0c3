// Every `Fix:` this project's config schema prints, applied and checked again (see @platform/testing).
import * as path from "node:path";
import { itAppliesEveryFix } from "@platform/testing";
import { networkingConfig } from "../src/config";

itAppliesEveryFix(path.resolve(__dirname, ".."), networkingConfig, [
  { "networking:vpcCidr": "10.0.0.0/8" },
  { "networking:availabilityZones": "1" },
  { "networking:natGateways": "many" },
  { "networking:servicePort": "70000" },
  { "networking:certificateArn": "arn:aws:acm:eu-central-1:1:certificate/x" },
  { "networking:servicport": "8098" },
  { "networkng:servicePort": "8098" },
]);
