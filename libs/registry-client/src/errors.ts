/**
 * Errors a registry request ends in. Each carries the image and the username that was sent (undefined for
 * an anonymous request) so a caller can say which credentials failed; the password is never kept here.
 */
export class RegistryError extends Error {
  readonly image: string;
  readonly status: number | undefined;
  readonly username: string | undefined;
  constructor(image: string, status: number | undefined, username: string | undefined, detail: string) {
    super(`${detail} (image ${image}, ${describeCredentials(username)})`);
    this.name = "RegistryError";
    this.image = image;
    this.status = status;
    this.username = username;
  }
}

/** 401: no credentials, wrong credentials, or the token endpoint refused them. */
export class RegistryUnauthorizedError extends RegistryError {
  constructor(image: string, username: string | undefined, detail: string) {
    super(image, 401, username, `401 Unauthorized: ${detail}`);
    this.name = "RegistryUnauthorizedError";
  }
}

/** 403: the credentials are valid but may not pull this repository. */
export class RegistryForbiddenError extends RegistryError {
  constructor(image: string, username: string | undefined, detail: string) {
    super(image, 403, username, `403 Forbidden: ${detail}`);
    this.name = "RegistryForbiddenError";
  }
}

/** 404: the repository, tag or digest does not exist (or is hidden from these credentials). */
export class ManifestNotFoundError extends RegistryError {
  constructor(image: string, username: string | undefined, detail: string) {
    super(image, 404, username, `404 Not Found: ${detail}`);
    this.name = "ManifestNotFoundError";
  }
}

/** No answer: the registry or its token endpoint did not respond in time, refused the connection, or redirected where nothing is followed. */
export class RegistryUnreachableError extends RegistryError {
  constructor(image: string, username: string | undefined, detail: string) {
    super(image, undefined, username, detail);
    this.name = "RegistryUnreachableError";
  }
}

export function describeCredentials(username: string | undefined): string {
  return username === undefined ? "anonymous, no credentials" : `as user ${JSON.stringify(username)}`;
}
