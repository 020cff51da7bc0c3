/**
 * Pushes a tiny image with plain HTTP calls, the way `docker push` does (OCI distribution spec,
 * "Pushing blobs" monolithic upload, then "Pushing manifests"): a config blob, one layer, the manifest.
 */
import { createHash } from "node:crypto";
import { manifestMediaTypes } from "../../src/media-types";
import type { LocalRegistry } from "./local-registry";

export interface PushedImage {
  /** sha256 of the exact manifest bytes pushed: what the registry must answer for the tag. */
  readonly manifestDigest: string;
  readonly manifestBytes: Buffer;
}

export async function pushImage(registry: LocalRegistry, repository: string, tag: string): Promise<PushedImage> {
  const auth = `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString("base64")}`;
  const imageConfig = { architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] } };
  const config = Buffer.from(JSON.stringify(imageConfig));
  const layer = Buffer.from(`layer of ${repository}:${tag}`);
  const configDigest = await pushBlob(registry, auth, repository, config);
  const layerDigest = await pushBlob(registry, auth, repository, layer);
  const manifestBytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: manifestMediaTypes.ociManifest,
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: configDigest, size: config.length },
      layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar", digest: layerDigest, size: layer.length }],
    }),
  );
  const response = await fetch(`${registry.baseUrl}/v2/${repository}/manifests/${tag}`, {
    method: "PUT",
    headers: { authorization: auth, "content-type": manifestMediaTypes.ociManifest },
    body: manifestBytes,
  });
  if (response.status !== 201) throw new Error(`manifest PUT answered ${response.status}: ${await response.text()}`);
  return { manifestDigest: sha256(manifestBytes), manifestBytes };
}

async function pushBlob(registry: LocalRegistry, auth: string, repository: string, blob: Buffer): Promise<string> {
  const digest = sha256(blob);
  const start = await fetch(`${registry.baseUrl}/v2/${repository}/blobs/uploads/`, {
    method: "POST",
    headers: { authorization: auth },
  });
  const location = start.headers.get("location");
  if (start.status !== 202 || location === null) throw new Error(`blob upload POST answered ${start.status}`);
  const uploadUrl = new URL(location, registry.baseUrl);
  uploadUrl.searchParams.set("digest", digest);
  const put = await fetch(uploadUrl, {
    method: "PUT",
    headers: { authorization: auth, "content-type": "application/octet-stream" },
    body: blob,
  });
  if (put.status !== 201) throw new Error(`blob PUT answered ${put.status}: ${await put.text()}`);
  return digest;
}

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}
