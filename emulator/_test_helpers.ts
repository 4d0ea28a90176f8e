/**
 * Helpers for the emulator's own tests: call the handler directly, get app and user tokens.
 *
 * @module
 */
import { challengeOf } from "./auth.ts";
import { createEmulator, type Emulator, type EmulatorOptions } from "./handler.ts";

export const ID = "emulatorclient1";
export const SECRET = "emulatorSecret123";
export const BASE = "http://127.0.0.1:9999";
export const REDIRECT = "http://127.0.0.1:8888/callback";
export const ALL_SCOPES = [
  "user-top-read",
  "user-read-recently-played",
  "user-library-read",
  "playlist-read-private",
  "playlist-read-collaborative",
  "user-follow-read",
];

/** An emulator with the test credentials. */
export function emulator(options: Partial<EmulatorOptions> = {}): Emulator {
  return createEmulator({ clientId: ID, clientSecret: SECRET, ...options });
}

/** Call the handler; the body parsed as JSON when it is JSON. */
export async function call(em: Emulator, path: string, init?: RequestInit) {
  const response = await em.handler(new Request(`${BASE}${path}`, init));
  const text = await response.text();
  // deno-lint-ignore no-explicit-any
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body };
}

/** POST a form to the token endpoint. */
export function tokenRequest(em: Emulator, form: Record<string, string>, basic = false) {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (basic) headers.authorization = `Basic ${btoa(`${ID}:${SECRET}`)}`;
  return call(em, "/api/token", {
    method: "POST",
    headers,
    body: new URLSearchParams(form).toString(),
  });
}

/** Bearer headers of a client-credentials token. */
export async function appHeaders(em: Emulator): Promise<Record<string, string>> {
  const { body } = await tokenRequest(em, { grant_type: "client_credentials" }, true);
  return { authorization: `Bearer ${body.access_token}` };
}

/** Run the PKCE sign-in against the handler, following the authorize redirect as a browser would. */
export async function signIn(em: Emulator, scopes = ALL_SCOPES, verifier = "v".repeat(43)) {
  const query = new URLSearchParams({
    client_id: ID,
    response_type: "code",
    redirect_uri: REDIRECT,
    code_challenge_method: "S256",
    code_challenge: await challengeOf(verifier),
    state: "xyz",
    scope: scopes.join(" "),
  });
  const redirect = await em.handler(new Request(`${BASE}/authorize?${query}`));
  const location = new URL(redirect.headers.get("location")!);
  const code = location.searchParams.get("code")!;
  const { body } = await tokenRequest(em, {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT,
    client_id: ID,
    code_verifier: verifier,
  });
  return { body, code, location, headers: { authorization: `Bearer ${body.access_token}` } };
}
