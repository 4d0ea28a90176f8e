/**
 * `deno task emulator [--port N] [--mode development|extended] [--token-lifetime S]`: serve the
 * emulator on 127.0.0.1 until interrupted, and print its URLs and the sample credentials.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./server.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    port: { type: "string", default: "0" },
    mode: { type: "string", default: "development" },
    "token-lifetime": { type: "string", default: "3600" },
  },
});
const port = Number(values.port);
const lifetime = Number(values["token-lifetime"]);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port "${values.port}": use a number from 0 to 65535`);
  Deno.exit(2);
}
if (values.mode !== "development" && values.mode !== "extended") {
  console.error(`Invalid --mode "${values.mode}": use "development" or "extended"`);
  Deno.exit(2);
}
if (!Number.isFinite(lifetime) || lifetime <= 0) {
  console.error(`Invalid --token-lifetime "${values["token-lifetime"]}": use seconds, above 0`);
  Deno.exit(2);
}
const server = await startEmulator({ port, mode: values.mode, tokenLifetime: lifetime });
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
