// The analyzer protocol's generated messages and the property-value signatures, taken from the
// @pulumi/pulumi SDK itself, so nothing here restates a constant the SDK owns.
import { createRequire } from "node:module";
import type * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import type * as rpcModule from "@pulumi/pulumi/runtime/rpc";
import type * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";

// The messages must come from the same google-protobuf copy as @pulumi/pulumi's own, since its gRPC
// serializers check `instanceof` (npm dedupes it, but resolve it from there to be sure).
const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));

export const rpc = pulumiRequire("./proto/analyzer_grpc_pb") as typeof analyzerRpc;
export const proto = pulumiRequire("./proto/analyzer_pb") as typeof analyzerProto;
export const { Struct } = pulumiRequire("google-protobuf/google/protobuf/struct_pb") as typeof structPb;
export const { Empty } = pulumiRequire("google-protobuf/google/protobuf/empty_pb") as typeof emptyPb;

const sdkRpc = pulumiRequire("./runtime/rpc") as typeof rpcModule;
/** The key that tags a special value (secret, resource reference, output value, asset) in a property map. */
export const SIG_KEY = sdkRpc.specialSigKey;
export const SECRET_SIG = sdkRpc.specialSecretSig;
export const RESOURCE_SIG = sdkRpc.specialResourceSig;
export const OUTPUT_SIG = sdkRpc.specialOutputValueSig;
/** The sentinel string for a value that is unknown during preview. */
export const UNKNOWN_SENTINEL = sdkRpc.unknownValue;

export type { analyzerProto, analyzerRpc };
