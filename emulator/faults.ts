/**
 * Faults on demand, so that clients can be tested against the failures the real service shows:
 * added latency, a rolling-window rate limit (429 with `Retry-After`), a spent quota (429
 * `QUOTA_EXCEEDED`), a share of 5xx, dropped connections, truncated and non-JSON bodies. Shares are
 * drawn from a seeded generator, so a run is repeatable; `next` queues exact faults for the next
 * API requests, for tests that need one precise failure.
 *
 * @module
 */
import { mulberry32 } from "./random.ts";
import { apiError } from "./http.ts";

/** One fault that can be queued for the next API request. */
export type FaultKind = "500" | "502" | "503" | "drop" | "truncate" | "html" | "429";

/** Fault settings; every part optional. */
export interface FaultOptions {
  /** Added to every response, in ms. */
  latencyMs?: number;
  /** At most `requests` API requests in any `windowMs` (Spotify: a rolling 30 s window). */
  rateLimit?: { requests: number; windowMs?: number };
  /** After this many API requests, every request gets a quota 429 (`Retry-After` in seconds). */
  quota?: { after: number; retryAfter?: number };
  /** Share (0-1) of API requests answered with a 5xx (500, 502 or 503). */
  serverErrorRate?: number;
  /** Share (0-1) of API requests whose connection drops before the body arrives. */
  dropRate?: number;
  /** Share (0-1) of API requests whose JSON body stops halfway. */
  truncateRate?: number;
  /** Share (0-1) of API requests answered by a 502 HTML page, as a proxy in front would. */
  htmlRate?: number;
  /** Seed of the generator behind the shares. */
  seed?: number;
}

/** The fault injector of one emulator. */
export class Faults {
  #options: FaultOptions;
  #random: () => number;
  #queued: FaultKind[] = [];
  #served = 0;
  #window: number[] = [];
  readonly #now: () => number;

  /**
   * @param options Initial settings.
   * @param now The clock.
   */
  constructor(options: FaultOptions, now: () => number) {
    this.#options = options;
    this.#random = mulberry32(options.seed ?? 1);
    this.#now = now;
  }

  /** Replace the settings (the request count and the rate window carry on). */
  set(options: FaultOptions): void {
    this.#options = options;
    this.#random = mulberry32(options.seed ?? 1);
  }

  /** Queue exact faults for the next API requests, in order. */
  next(...kinds: FaultKind[]): void {
    this.#queued.push(...kinds);
  }

  /** The added latency in ms. */
  get latencyMs(): number {
    return this.#options.latencyMs ?? 0;
  }

  /**
   * Decide the fate of one API request before it is handled.
   *
   * @returns A response to send instead, a transform for the real response, or `undefined`.
   */
  before(): Response | ((response: Response) => Response) | undefined {
    const now = this.#now();
    const queued = this.#queued.shift();
    if (queued !== undefined) return this.#apply(queued);
    const o = this.#options;
    if (o.quota && this.#served >= o.quota.after) {
      return quota(o.quota.retryAfter ?? 86_400);
    }
    if (o.rateLimit) {
      const windowMs = o.rateLimit.windowMs ?? 30_000;
      this.#window = this.#window.filter((t) => t > now - windowMs);
      if (this.#window.length >= o.rateLimit.requests) {
        const wait = Math.max(1, Math.ceil((this.#window[0]! + windowMs - now) / 1000));
        return tooMany(wait);
      }
      this.#window.push(now);
    }
    this.#served++;
    const roll = this.#random();
    let edge = 0;
    for (
      const [rate, kind] of [
        [o.serverErrorRate, ["500", "502", "503"][Math.floor(this.#random() * 3)]],
        [o.dropRate, "drop"],
        [o.truncateRate, "truncate"],
        [o.htmlRate, "html"],
      ] as [number | undefined, FaultKind][]
    ) {
      edge += rate ?? 0;
      if (roll < edge) return this.#apply(kind);
    }
    return undefined;
  }

  #apply(kind: FaultKind): Response | ((response: Response) => Response) {
    this.#served++;
    switch (kind) {
      case "500":
      case "502":
      case "503":
        return apiError(Number(kind), kind === "500" ? "Server error" : "Service unavailable");
      case "429":
        return tooMany(1);
      case "html":
        return new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", {
          status: 502,
          headers: { "content-type": "text/html" },
        });
      case "drop":
        return (response) => dropBody(response);
      case "truncate":
        return (response) => truncateBody(response);
    }
  }
}

function tooMany(retryAfter: number): Response {
  const response = apiError(429, "API rate limit exceeded");
  response.headers.set("retry-after", String(retryAfter));
  return response;
}

function quota(retryAfter: number): Response {
  const response = apiError(429, "Too many requests", { reason: "QUOTA_EXCEEDED" });
  response.headers.set("retry-after", String(retryAfter));
  return response;
}

/** Headers go out, then the connection breaks before any byte of the body. */
function dropBody(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.error(new Error("emulator fault: connection dropped on purpose"));
    },
  });
  return new Response(body, { status: response.status, headers });
}

/** The body stops halfway: the client receives invalid JSON. */
function truncateBody(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.delete("etag");
  const body = response.text().then((text) =>
    new TextEncoder().encode(text.slice(0, Math.floor(text.length / 2)))
  );
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(await body);
      controller.close();
    },
  });
  return new Response(stream, { status: response.status, headers });
}
