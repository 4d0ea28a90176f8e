/**
 * Serves the emulator on 127.0.0.1. The only place that calls `Deno.serve` for it.
 *
 * @module
 */
import { createEmulator, type Emulator, type EmulatorOptions } from "./handler.ts";
import { SAMPLE_CLIENT_ID, SAMPLE_CLIENT_SECRET } from "./sample.ts";

/** Options of {@linkcode startEmulator}: the handler's, all optional, plus the port. */
export interface StartEmulatorOptions extends Partial<EmulatorOptions> {
  /**
   * Port on 127.0.0.1; 0 picks a free one.
   * @default {0}
   */
  port?: number;
}

/** A running emulator. Close it with `await server.close()` or `await using`. */
export interface RunningEmulator extends AsyncDisposable {
  /** The Web API base URL, e.g. `http://127.0.0.1:40123/v1`. */
  apiUrl: string;
  /** The accounts base URL, e.g. `http://127.0.0.1:40123`. */
  accountsUrl: string;
  /** The client id it accepts. */
  clientId: string;
  /** The client secret it accepts. */
  clientSecret: string;
  /** The handler, its request log and counters. */
  emulator: Emulator;
  /** Stop serving and wait until the server has finished. */
  close(): Promise<void>;
}

/**
 * Start the emulator on 127.0.0.1.
 *
 * @param options Mode, credentials (default: the sample ones), token lifetime, port.
 * @returns Its URLs, credentials and a `close()`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startEmulator } from "./server.ts";
 * await using server = await startEmulator({ mode: "extended" });
 * const response = await fetch(`${server.apiUrl}/search?q=x&type=artist`);
 * assert.equal(response.status, 401);
 * await response.body?.cancel();
 * ```
 */
export function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { port = 0, ...rest } = options;
  const emulator = createEmulator({
    ...rest,
    clientId: rest.clientId ?? SAMPLE_CLIENT_ID,
    clientSecret: rest.clientSecret ?? SAMPLE_CLIENT_SECRET,
  });
  const controller = new AbortController();
  return new Promise((resolve) => {
    const server = Deno.serve({
      hostname: "127.0.0.1",
      port,
      signal: controller.signal,
      onListen: () => {},
    }, emulator.handler);
    const origin = `http://127.0.0.1:${server.addr.port}`;
    const close = async () => {
      controller.abort();
      await server.finished;
    };
    resolve({
      apiUrl: `${origin}/v1`,
      accountsUrl: origin,
      clientId: rest.clientId ?? SAMPLE_CLIENT_ID,
      clientSecret: rest.clientSecret ?? SAMPLE_CLIENT_SECRET,
      emulator,
      close,
      [Symbol.asyncDispose]: close,
    });
  });
}
