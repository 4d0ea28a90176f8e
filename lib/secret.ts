/**
 * A value that must never be printed: inspecting, stringifying or serialising it shows
 * `[redacted]`. Only {@linkcode Secret.reveal} gives the value, at the one place that sends it.
 *
 * @module
 */
import { JUPYTER_DISPLAY } from "./display.ts";

const REDACTED = "[redacted]";

/**
 * A string that hides itself from `console.log`, `JSON.stringify`, template strings and Jupyter.
 *
 * @example
 * ```ts
 * import { Secret } from "./secret.ts";
 * const secret = new Secret("s3cr3t");
 * console.assert(JSON.stringify({ secret }) === '{"secret":"[redacted]"}');
 * console.assert(`${secret}` === "[redacted]" && secret.reveal() === "s3cr3t");
 * ```
 */
export class Secret {
  readonly #value: string;
  /** @param value The secret text. */
  constructor(value: string) {
    this.#value = value;
  }
  /** @returns The secret text: call only where it is sent over the wire. */
  reveal(): string {
    return this.#value;
  }
  /** @returns `[redacted]`. */
  toString(): string {
    return REDACTED;
  }
  /** @returns `[redacted]`. */
  toJSON(): string {
    return REDACTED;
  }
  /** @returns `[redacted]`, for Deno's inspector. */
  [Symbol.for("Deno.customInspect")](): string {
    return REDACTED;
  }
  /** @returns `[redacted]`, for Node's inspector. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return REDACTED;
  }
  /** @returns a plain-text bundle, for the Jupyter kernel. */
  [JUPYTER_DISPLAY](): Record<string, string> {
    return { "text/plain": REDACTED };
  }
}
