/**
 * `deno task emulator [--port N] [--mode development|extended] [--token-lifetime S] [faults]`: serve
 * the emulator on 127.0.0.1 until interrupted, and print its URLs and the sample credentials.
 *
 * Faults, all off by default: `--latency MS` (added to every response), `--rate-limit N` (at most N
 * API requests per rolling 30 s, then 429 with `Retry-After`), `--quota-after N` (a quota 429 after N
 * requests), `--error-rate R`, `--drop-rate R`, `--truncate-rate R` (shares from 0 to 1).
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { FaultOptions } from "./faults.ts";
import { startEmulator } from "./server.ts";

const USAGE =
  "Usage: deno task emulator [--port N] [--mode development|extended] [--token-lifetime S] [--latency MS] [--rate-limit N] [--quota-after N] [--error-rate R] [--drop-rate R] [--truncate-rate R]";

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  Deno.exit(2);
}

const OPTIONS = {
  port: { type: "string", default: "0" },
  mode: { type: "string", default: "development" },
  "token-lifetime": { type: "string", default: "3600" },
  latency: { type: "string", default: "0" },
  "rate-limit": { type: "string", default: "0" },
  "quota-after": { type: "string", default: "0" },
  "error-rate": { type: "string", default: "0" },
  "drop-rate": { type: "string", default: "0" },
  "truncate-rate": { type: "string", default: "0" },
} as const;

const { values } = (() => {
  try {
    return parseArgs({ args: Deno.args, options: OPTIONS });
  } catch (error) {
    // parseArgs says "Unknown option '--x'..." or "Option '--port <value>' argument missing".
    const said = (error instanceof Error ? error.message : String(error)).split(". ")[0]!;
    return fail(`Invalid arguments: ${said.replace(/\.$/, "")}`);
  }
})();

/** A flag's number, checked against its range. */
function number(flag: keyof typeof values, min: number, max: number, integer: boolean): number {
  const text = String(values[flag]);
  const n = Number(text);
  if (
    text.trim() === "" || !Number.isFinite(n) || n < min || n > max ||
    (integer && !Number.isInteger(n))
  ) {
    fail(
      `Invalid --${flag} "${text}": use ${
        integer ? "a whole number" : "a number"
      } from ${min} to ${max}`,
    );
  }
  return n;
}

if (values.mode !== "development" && values.mode !== "extended") {
  fail(`Invalid --mode "${values.mode}": use "development" or "extended"`);
}
const port = number("port", 0, 65535, true);
const lifetime = number("token-lifetime", 1, 86_400, true);
const rateLimit = number("rate-limit", 0, 1e6, true);
const quotaAfter = number("quota-after", 0, 1e9, true);
const faults: FaultOptions = {
  latencyMs: number("latency", 0, 60_000, true),
  serverErrorRate: number("error-rate", 0, 1, false),
  dropRate: number("drop-rate", 0, 1, false),
  truncateRate: number("truncate-rate", 0, 1, false),
  ...(rateLimit > 0 ? { rateLimit: { requests: rateLimit } } : {}),
  ...(quotaAfter > 0 ? { quota: { after: quotaAfter } } : {}),
};

const server = await startEmulator({ port, mode: values.mode, tokenLifetime: lifetime, faults })
  .catch((error) => {
    if (error instanceof Deno.errors.AddrInUse) {
      fail(
        `Cannot start the emulator: port ${port} on 127.0.0.1 is busy; pick another with --port, or leave it out for any free one`,
      );
    }
    throw error;
  });
console.log(`Spotify emulator (${values.mode} mode) on 127.0.0.1. Put these in .env or your shell:
SPOTIFY_API_URL=${server.apiUrl}
SPOTIFY_ACCOUNTS_URL=${server.accountsUrl}
SPOTIFY_CLIENT_ID=${server.clientId}
SPOTIFY_CLIENT_SECRET=${server.clientSecret}
SPOTIFY_MODE=${values.mode}
Press Ctrl-C to stop.`);
Deno.addSignalListener("SIGINT", async () => {
  await server.close();
  Deno.exit(0);
});
