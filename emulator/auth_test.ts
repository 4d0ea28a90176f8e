import assert from "node:assert/strict";
import { challengeOf } from "./auth.ts";
import { BASE, call, emulator, ID, REDIRECT, signIn, tokenRequest } from "./_test_helpers.ts";

Deno.test("authorize redirects to the loopback callback with a one-time code and the state", async () => {
  const { location, body } = await signIn(emulator());
  assert.equal(location.origin + location.pathname, REDIRECT);
  assert.equal(location.searchParams.get("state"), "xyz");
  assert.equal(body.token_type, "Bearer");
  assert.equal(body.expires_in, 3600);
  assert.ok(body.refresh_token);
  assert.match(body.scope, /user-top-read/);
});

Deno.test("authorize rejects a localhost redirect URI and an unknown client with the real pages", async () => {
  const em = emulator();
  const localhost = await call(
    em,
    `/authorize?client_id=${ID}&response_type=code&redirect_uri=${
      encodeURIComponent("http://localhost:8888/cb")
    }`,
  );
  assert.equal(localhost.status, 400);
  assert.match(localhost.body, /INVALID_CLIENT: Invalid redirect URI/);
  const unknown = await call(
    em,
    `/authorize?client_id=nope&response_type=code&redirect_uri=${encodeURIComponent(REDIRECT)}`,
  );
  assert.match(unknown.body, /INVALID_CLIENT: Invalid client/);
});

Deno.test("a code works once: a reused code gets invalid_grant", async () => {
  const em = emulator();
  const { code } = await signIn(em);
  const again = await tokenRequest(em, {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT,
    client_id: ID,
    code_verifier: "v".repeat(43),
  });
  assert.deepEqual(again.body, {
    error: "invalid_grant",
    error_description: "Invalid authorization code",
  });
});

Deno.test("a wrong verifier or redirect URI gets the real invalid_grant descriptions", async () => {
  const em = emulator();
  for (
    const [override, description] of [
      [{ code_verifier: "w".repeat(43) }, "code_verifier was incorrect"],
      [{ redirect_uri: "http://127.0.0.1:1/other" }, "Invalid redirect URI"],
    ] as const
  ) {
    const query = new URLSearchParams({
      client_id: ID,
      response_type: "code",
      redirect_uri: REDIRECT,
      code_challenge_method: "S256",
      code_challenge: await challengeOf("v".repeat(43)),
    });
    const redirect = await em.handler(new Request(`${BASE}/authorize?${query}`));
    const code = new URL(redirect.headers.get("location")!).searchParams.get("code")!;
    const result = await tokenRequest(em, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
      client_id: ID,
      code_verifier: "v".repeat(43),
      ...override,
    });
    assert.deepEqual(result.body, { error: "invalid_grant", error_description: description });
  }
});

Deno.test("refresh keeps the refresh token by default and rotates it when asked", async () => {
  const keeps = emulator();
  const first = await signIn(keeps);
  const refreshed = await tokenRequest(keeps, {
    grant_type: "refresh_token",
    refresh_token: first.body.refresh_token,
    client_id: ID,
  });
  assert.equal(refreshed.status, 200);
  assert.equal(refreshed.body.refresh_token, undefined);
  const twice = await tokenRequest(keeps, {
    grant_type: "refresh_token",
    refresh_token: first.body.refresh_token,
    client_id: ID,
  });
  assert.equal(twice.status, 200);

  const rotates = emulator({ rotateRefreshTokens: true });
  const signed = await signIn(rotates);
  const rotated = await tokenRequest(rotates, {
    grant_type: "refresh_token",
    refresh_token: signed.body.refresh_token,
    client_id: ID,
  });
  assert.ok(rotated.body.refresh_token && rotated.body.refresh_token !== signed.body.refresh_token);
  const old = await tokenRequest(rotates, {
    grant_type: "refresh_token",
    refresh_token: signed.body.refresh_token,
    client_id: ID,
  });
  assert.deepEqual(old.body, {
    error: "invalid_grant",
    error_description: "Refresh token revoked",
  });
});

Deno.test("a refresh token dies six months after the authorization, and unknown ones are refused", async () => {
  let now = 0;
  const em = emulator({ now: () => now });
  const { body } = await signIn(em);
  now = 180 * 24 * 3600 * 1000 - 1;
  assert.equal(
    (await tokenRequest(em, {
      grant_type: "refresh_token",
      refresh_token: body.refresh_token,
      client_id: ID,
    })).status,
    200,
  );
  now += 1;
  const expired = await tokenRequest(em, {
    grant_type: "refresh_token",
    refresh_token: body.refresh_token,
    client_id: ID,
  });
  assert.deepEqual(expired.body, {
    error: "invalid_grant",
    error_description: "Refresh token revoked",
  });
  const unknown = await tokenRequest(em, {
    grant_type: "refresh_token",
    refresh_token: "nope",
    client_id: ID,
  });
  assert.deepEqual(unknown.body, {
    error: "invalid_grant",
    error_description: "Invalid refresh token",
  });
});
