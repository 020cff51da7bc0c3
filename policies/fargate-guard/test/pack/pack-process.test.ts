import { PACK_DIR, startPackProcess } from "../harness/pack-process";
import { analyzerProtocolSuite } from "../harness/protocol-suite";

/**
 * The pack as the Pulumi CLI runs it: its own process, started by run-policy-pack, spoken to
 * over gRPC. This is the path the offline plan and `pulumi preview --policy-pack` take.
 */
describe("the pack process started like the Pulumi CLI starts it", () => {
  analyzerProtocolSuite(async () => ({ pack: await startPackProcess(), packDir: PACK_DIR }));
});
