import { PolicyPack } from "@pulumi/policy";
import { packArgs, packName } from "./src/pack";

// The entry module only builds the pack: `new PolicyPack` starts the analyzer gRPC server and
// prints its port, so nothing else imports this file (tests use test/support instead).
new PolicyPack(packName, packArgs);
