// A recording stand-in for the parts of GitHub's REST API and runner the workflows reach: deployments with
// their statuses (GitHub records one for every job that names an environment, and marks older successes
// `inactive` when a newer one succeeds), App installation tokens, and pull requests. Every request is
// recorded with the token it carried; a request without a token GitHub would accept is refused with 401.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Deployment {
  readonly id: number;
  readonly sha: string;
  readonly environment: string;
  /** Newest last. */
  readonly states: string[];
  /** When each state was set (ISO 8601), beside `states`. */
  readonly times: string[];
}

export interface PullRequest {
  readonly number: number;
  readonly head: string;
  readonly title: string;
  readonly body: string;
  /** The token that opened it: only an App's token starts the pull request's own workflows. */
  readonly token: string;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly token: string;
}

export class FakeGitHub {
  readonly repository = "acme/platform";
  readonly deployments: Deployment[] = [];
  readonly pullRequests: PullRequest[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly appTokens: string[] = [];
  /** GITHUB_TOKEN of the run under test. */
  readonly runToken = "ghs_run_token";
  private server: Server | undefined;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(([status, body]) => {
        response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** What GitHub does when a job that names `environment` starts. */
  startDeployment(environment: string, sha: string): Deployment {
    const deployment = {
      id: this.deployments.length + 1,
      sha,
      environment,
      states: ["in_progress"],
      times: [new Date().toISOString()],
    };
    this.deployments.push(deployment);
    return deployment;
  }

  /** ...and when it ends (`at`: a time in the past, for a deployment a test says ran long ago). */
  finishDeployment(deployment: Deployment, state: "success" | "failure", at = new Date()): void {
    if (state === "success") {
      for (const older of this.deployments) {
        if (older.environment === deployment.environment && older.states.at(-1) === "success") {
          older.states.push("inactive");
          older.times.push(at.toISOString());
        }
      }
    }
    deployment.states.push(state);
    deployment.times.push(at.toISOString());
  }

  /** A token as actions/create-github-app-token would get it. */
  mintAppToken(): string {
    const token = `ghs_app_token_${this.appTokens.length + 1}`;
    this.appTokens.push(token);
    return token;
  }

  openPullRequest(pull: Omit<PullRequest, "number">): PullRequest {
    const recorded = { ...pull, number: this.pullRequests.length + 1 };
    this.pullRequests.push(recorded);
    return recorded;
  }

  private async handle(request: IncomingMessage): Promise<[number, unknown]> {
    for await (const chunk of request) void chunk;
    const url = new URL(request.url ?? "/", this.url);
    const token = (request.headers.authorization ?? "").replace(/^(Bearer|token) /, "");
    this.requests.push({ method: request.method ?? "GET", path: `${url.pathname}${url.search}`, token });
    if (token !== this.runToken && !this.appTokens.includes(token)) return [401, { message: "Bad credentials" }];
    const prefix = `/repos/${this.repository}/deployments`;
    if (request.method === "GET" && url.pathname === prefix) {
      const environment = url.searchParams.get("environment");
      const list = this.deployments.filter((d) => environment === null || d.environment === environment);
      return [200, [...list].reverse().map(({ id, sha, environment: env }) => ({ id, sha, environment: env }))];
    }
    const statuses = new RegExp(`^${prefix}/(\\d+)/statuses$`).exec(url.pathname);
    if (request.method === "GET" && statuses) {
      const deployment = this.deployments.find((d) => d.id === Number(statuses[1]));
      if (deployment === undefined) return [404, { message: "Not Found" }];
      const history = deployment.states.map((state, i) => ({ state, created_at: deployment.times[i] }));
      return [200, history.reverse()];
    }
    return [404, { message: "Not Found" }];
  }
}
