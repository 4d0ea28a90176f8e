/**
 * A client against a fresh emulator on 127.0.0.1, for the suites that test the client over real HTTP.
 *
 * @module
 */
import { type ClientOptions, createClient, createTokenProvider } from "../lib/mod.ts";
import { startEmulator, type StartEmulatorOptions } from "../emulator/mod.ts";

/** Options of {@linkcode setup}: the emulator's, plus the client's. */
export interface SetupOptions extends StartEmulatorOptions {
  client?: Partial<ClientOptions>;
}

/** Starts an emulator and a client in the same mode; dispose to stop the emulator. */
export async function setup(options: SetupOptions = {}) {
  const { client: clientOptions = {}, ...emulatorOptions } = options;
  const server = await startEmulator(emulatorOptions);
  const tokens = createTokenProvider({
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    accountsUrl: server.accountsUrl,
  });
  const sleeps: number[] = [];
  const client = createClient({
    apiUrl: server.apiUrl,
    tokenProvider: tokens,
    mode: options.mode ?? "development",
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...clientOptions,
  });
  /** API requests (not token requests) whose path starts with `prefix`. */
  const requests = (prefix = "/v1/") =>
    server.emulator.log.filter((r) => r.path.startsWith(prefix));
  return { server, client, tokens, sleeps, requests, [Symbol.asyncDispose]: () => server.close() };
}

/** Both modes, for tests that must hold in each. */
export const MODES = ["development", "extended"] as const;
