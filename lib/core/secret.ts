/**
 * A value that must never be printed: inspecting, stringifying or serialising it shows
 * `[redacted]`. Only {@linkcode Secret.reveal} gives the value, at the one place that sends it.
 *
 * Every `Secret` made in this process is also remembered (the newest few hundred), so that
 * {@linkcode scrub} can take it out of any text a server echoes back: the error family runs every
 * message, body excerpt and `cause` through it.
 *
 * @module
 */
import { JUPYTER_DISPLAY } from "./jupyter.ts";

const REDACTED = "[redacted]";

/** The values of the newest secrets, in creation order (a `Set` keeps insertion order). */
const known = new Set<string>();
const KEEP = 512;
let sorted: string[] | undefined;

/**
 * Remember a value as secret without wrapping it (values that only ever travel inside a form body,
 * such as a PKCE verifier), so that {@linkcode scrub} takes it out of messages.
 *
 * @param value The secret text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rememberSecret, scrub } from "./secret.ts";
 * rememberSecret("verifier-0123456789");
 * assert.equal(scrub("code_verifier: verifier-0123456789"), "code_verifier: [redacted]");
 * ```
 */
export function rememberSecret(value: string): void {
  remember(value);
}

function remember(value: string): void {
  if (value.length < 6) return; // too short to be a credential, and would scrub ordinary words
  known.delete(value);
  known.add(value);
  if (known.size > KEEP) known.delete(known.values().next().value!);
  sorted = undefined;
}

/**
 * A string that hides itself from `console.log`, `JSON.stringify`, template strings and Jupyter.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Secret } from "./secret.ts";
 * const secret = new Secret("s3cr3t");
 * assert.equal(JSON.stringify({ secret }), '{"secret":"[redacted]"}');
 * assert.equal(`${secret}`, "[redacted]");
 * assert.equal(secret.reveal(), "s3cr3t");
 * ```
 */
export class Secret {
  readonly #value: string;
  /**
   * Wrap a secret value, and remember it so that {@linkcode scrub} removes it from messages.
   *
   * @param value The secret text.
   */
  constructor(value: string) {
    this.#value = value;
    remember(value);
  }
  /**
   * The wrapped value: call only where it is sent over the wire.
   *
   * @returns The secret text.
   */
  reveal(): string {
    return this.#value;
  }
  /**
   * What template strings and `String()` show.
   *
   * @returns `[redacted]`.
   */
  toString(): string {
    return REDACTED;
  }
  /**
   * What `JSON.stringify` writes.
   *
   * @returns `[redacted]`.
   */
  toJSON(): string {
    return REDACTED;
  }
  /**
   * What Deno's inspector (`console.log`, `Deno.inspect`) shows.
   *
   * @returns `[redacted]`.
   */
  [Symbol.for("Deno.customInspect")](): string {
    return REDACTED;
  }
  /**
   * What Node's inspector (`node:util`'s `inspect`) shows.
   *
   * @returns `[redacted]`.
   */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return REDACTED;
  }
  /**
   * What the Deno Jupyter kernel shows when a secret is a cell's last expression.
   *
   * @returns A plain-text MIME bundle holding `[redacted]`.
   */
  [JUPYTER_DISPLAY](): Record<string, string> {
    return { "text/plain": REDACTED };
  }
}

/** Credentials in the shapes a server echoes them: headers, JSON fields, form fields. */
const SHAPES: readonly [RegExp, string][] = [
  // Credentials are long; "Basic information" is not one.
  [/\b(Bearer|Basic|bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{20,}/g, `$1$2${REDACTED}`],
  [
    /("(?:access_token|refresh_token|client_secret|code_verifier|code|authorization)"\s*:\s*")[^"]*(")/gi,
    `$1${REDACTED}$2`,
  ],
  [
    /\b((?:access_token|refresh_token|client_secret|code_verifier|code)=)[^&\s"'<>]{6,}/gi,
    `$1${REDACTED}`,
  ],
];

/**
 * Take every known secret out of a text: the value of every {@linkcode Secret} made in this
 * process (also URL-encoded), and credentials in the shapes servers echo them (`Bearer …`,
 * `Basic …`, `"access_token": "…"`, `refresh_token=…`, PKCE `code` and `code_verifier`).
 *
 * @param text Any text.
 * @returns The text with each of them replaced by `[redacted]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scrub, Secret } from "./secret.ts";
 * new Secret("tok3nValue");
 * assert.equal(scrub("got tok3nValue"), "got [redacted]");
 * assert.equal(scrub("Basic YWJjZGVmZ2g6aWprbG1ub3BxcnN0"), "Basic [redacted]");
 * assert.equal(scrub("Basic information"), "Basic information");
 * ```
 */
export function scrub(text: string): string {
  sorted ??= [...known].sort((a, b) => b.length - a.length);
  let out = text;
  for (const value of sorted) {
    if (out.includes(value)) out = out.replaceAll(value, REDACTED);
    const encoded = encodeURIComponent(value);
    if (encoded !== value && out.includes(encoded)) out = out.replaceAll(encoded, REDACTED);
  }
  for (const [pattern, replacement] of SHAPES) out = out.replace(pattern, replacement);
  return out;
}

/**
 * {@linkcode scrub} applied to every string inside a value (a parsed body): arrays and plain
 * objects are copied, other values kept. Deep or cyclic parts beyond `depth` become `[redacted]`.
 *
 * @param value Any value.
 * @param depth How deep to look.
 * @returns A scrubbed copy.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scrubValue } from "./secret.ts";
 * const body = { error: "invalid_grant", echo: ["refresh_token=abcdef123456"], status: 400 };
 * assert.deepEqual(scrubValue(body), {
 *   error: "invalid_grant",
 *   echo: ["refresh_token=[redacted]"],
 *   status: 400,
 * });
 * ```
 */
export function scrubValue(value: unknown, depth = 20): unknown {
  if (typeof value === "string") return scrub(value);
  if (value === null || typeof value !== "object") return value;
  if (depth <= 0) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth - 1));
  if (value instanceof Error) return scrubError(value, depth - 1);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, scrubValue(v, depth - 1)]),
  );
}

/**
 * Scrub an error in place: its `message`, `stack` and every string field, then its `cause`, down
 * the chain. Used for the `cause` of every error of the family.
 *
 * @param error Any thrown value.
 * @param depth How far down the `cause` chain to go.
 * @returns The same error (or a scrubbed copy of a non-error value).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scrubError, Secret } from "./secret.ts";
 * new Secret("client-secret-42");
 * const error = new Error("outer", { cause: new Error("sent client-secret-42") });
 * assert.equal(scrubError(error), error);
 * assert.equal((error.cause as Error).message, "sent [redacted]");
 * ```
 */
export function scrubError(error: unknown, depth = 8): unknown {
  if (!(error instanceof Error)) return scrubValue(error, depth);
  if (depth <= 0) return error;
  for (const key of ["message", "stack"] as const) {
    let text: unknown;
    try {
      text = error[key];
    } catch {
      continue;
    }
    if (typeof text !== "string") continue;
    const clean = scrub(text);
    if (clean !== text) {
      Object.defineProperty(error, key, {
        value: clean,
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
  }
  for (const key of Object.keys(error)) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (key === "cause") continue;
    try {
      (error as unknown as Record<string, unknown>)[key] = scrubValue(value, depth - 1);
    } catch {
      // A read-only field: left as it is.
    }
  }
  if ("cause" in error) {
    const cause = scrubError(error.cause, depth - 1);
    if (cause !== error.cause) {
      Object.defineProperty(error, "cause", {
        value: cause,
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
  }
  return error;
}
