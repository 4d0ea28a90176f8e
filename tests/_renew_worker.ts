/**
 * One process of the token-race tests: it holds a user token provider on a shared token file,
 * prints `ready`, waits for a line on standard input, asks for a token (renewing it when due) and
 * prints one JSON line: `{"ok": true, "token": "…"}` or `{"ok": false, "message": "…"}`.
 *
 * Usage: deno run -A tests/_renew_worker.ts TOKEN_FILE ACCOUNTS_URL CLIENT_ID
 *
 * @module
 */
import { createUserTokenProvider } from "../lib/auth/user_auth.ts";

const [tokenFile, accountsUrl, clientId] = Deno.args as [string, string, string];
const tokens = createUserTokenProvider({ clientId, accountsUrl, tokenFile });
console.log("ready");
const reader = Deno.stdin.readable.getReader();
await reader.read(); // the go signal: both processes renew at the same moment
try {
  const token = await tokens.getToken();
  console.log(JSON.stringify({ ok: true, token: token.value.reveal() }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, message: String(error) }));
}
Deno.exit(0);
