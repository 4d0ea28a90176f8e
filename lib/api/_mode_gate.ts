/**
 * The mode gate of the request path: an endpoint the client's mode lacks is refused before any
 * request, and in `auto` a 403 on an endpoint Development Mode lacks teaches the client that the
 * app is in Development Mode (for the rest of the process).
 *
 * @module
 */
import { developmentModeLacks, refused } from "./capabilities.ts";
import type { AppMode } from "../core/config.ts";
import type { ModeError } from "../core/errors.ts";
import { modeError } from "./_classify.ts";
import type { Advice } from "./request_options.ts";

/** Options of {@linkcode createModeGate}. */
export interface ModeGateOptions {
  /** The mode the client works in now. */
  mode: () => AppMode;
  /** Called when, in `auto`, a 403 shows the app is in Development Mode. */
  onDevelopmentMode: () => void;
  /** How messages name the settings a caller can change. */
  advice: Advice;
}

/** The mode gate of a client. */
export interface ModeGate {
  /**
   * Refuse, before any request, an endpoint the current mode lacks.
   *
   * @param path The path under the base URL (`/artists/x/top-tracks`).
   * @param what The request, for the message (`GET /v1/artists/x/top-tracks`).
   * @throws {ModeError} When the mode lacks it.
   */
  check(path: string, what: string): void;
  /**
   * Learn from a 403: in `auto`, on an endpoint Development Mode lacks, switch to `development`
   * and give the error that says so.
   *
   * @param path The path under the base URL.
   * @param what The request, for the message.
   * @param answer The status and the parsed body.
   * @returns The error to throw, or `undefined` when the 403 says nothing about the mode.
   */
  learn(
    path: string,
    what: string,
    answer: { status: number; body: unknown },
  ): ModeError | undefined;
}

/**
 * Create the mode gate of a client.
 *
 * @param options The current mode, what to do on learning it, and the advice for messages.
 * @returns The gate.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createModeGate } from "./_mode_gate.ts";
 * import { CLIENT_ADVICE } from "./_classify.ts";
 * let mode: "auto" | "development" = "auto";
 * const gate = createModeGate({
 *   mode: () => mode,
 *   onDevelopmentMode: () => void (mode = "development"),
 *   advice: CLIENT_ADVICE,
 * });
 * gate.check("/markets", "GET /v1/markets"); // auto tries it
 * assert.ok(gate.learn("/markets", "GET /v1/markets", { status: 403, body: {} }));
 * assert.throws(() => gate.check("/markets", "GET /v1/markets"), { name: "ModeError" });
 * ```
 */
export function createModeGate(options: ModeGateOptions): ModeGate {
  return {
    check(path, what) {
      const lacking = refused(path, options.mode());
      if (lacking !== undefined) {
        throw modeError(what, lacking.endpoint, lacking.why, options.advice);
      }
    },
    learn(path, what, answer) {
      const lacks = answer.status === 403 ? developmentModeLacks(path) : undefined;
      if (lacks === undefined || options.mode() !== "auto") return undefined;
      options.onDevelopmentMode();
      return modeError(what, lacks.endpoint, lacks.why, options.advice, answer);
    },
  };
}
