/**
 * Manifest media types a registry may serve for one reference. Asking for all four is what a container
 * runtime does: without the index/list types a registry may down-convert a multi-arch image, and without
 * the Docker types an older registry answers 404 for an image pushed by Docker.
 * https://github.com/opencontainers/image-spec/blob/main/media-types.md
 */
export const manifestMediaTypes = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
} as const;

export type ManifestMediaType = (typeof manifestMediaTypes)[keyof typeof manifestMediaTypes];

/** The Accept header sent with every manifest request: indexes first, so the top-level digest is the image's. */
export const manifestAcceptHeader = [
  manifestMediaTypes.ociIndex,
  manifestMediaTypes.dockerManifestList,
  manifestMediaTypes.ociManifest,
  manifestMediaTypes.dockerManifest,
].join(", ");
