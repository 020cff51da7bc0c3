/** A parsed container image reference, normalised the way Docker/containerd normalise it. */
export interface ImageReference {
  /** The reference exactly as given. */
  readonly original: string;
  /** Registry host, lower-case; "docker.io" when implied. May include ":port". */
  readonly host: string;
  /** Repository path, with Docker Hub's implied "library/" for single-component names. */
  readonly repository: string;
  /** The tag when one is given; "latest" is NOT implied. */
  readonly tag?: string;
  /** "<algorithm>:<hex>", e.g. "sha256:<64 hex>". */
  readonly digest?: string;
  /** host/repository[:tag][@digest] */
  readonly canonical: string;
}

/** Thrown by parseImageReference; `reason` says what is wrong and what is allowed. */
export class ImageReferenceError extends Error {
  readonly input: string;
  readonly reason: string;
  constructor(input: string, reason: string) {
    super(`Invalid image reference ${JSON.stringify(input)}: ${reason}`);
    this.name = "ImageReferenceError";
    this.input = input;
    this.reason = reason;
  }
}

export function parseImageReference(input: string): ImageReference {
  throw new ImageReferenceError(input, "not implemented yet");
}

export function tryParseImageReference(
  input: string,
): { ok: true; value: ImageReference } | { ok: false; error: string } {
  try {
    return { ok: true, value: parseImageReference(input) };
  } catch (error) {
    if (error instanceof ImageReferenceError) return { ok: false, error: error.message };
    throw error;
  }
}
