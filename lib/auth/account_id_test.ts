import assert from "node:assert/strict";
import { fetchAccountId } from "./account_id.ts";

const API = "https://api.spotify.com/v1";
const answering = (response: () => Response): typeof fetch => () => Promise.resolve(response());

Deno.test("the account is the id GET /me names, asked with the user's token", async () => {
  const asked: { url: string; authorization: string | null }[] = [];
  const api: typeof fetch = (url, init) => {
    asked.push({
      url: String(url),
      authorization: new Headers(init?.headers).get("authorization"),
    });
    return Promise.resolve(Response.json({ id: "alice", display_name: "Alice" }));
  };
  assert.equal(await fetchAccountId(API, "user-token", { fetch: api }), "alice");
  assert.deepEqual(asked, [{ url: `${API}/me`, authorization: "Bearer user-token" }]);
});

Deno.test("an account that cannot be told now is undefined, never a guess or a throw", async () => {
  for (
    const fetch of [
      answering(() => new Response("", { status: 401 })),
      answering(() => new Response("<html>502</html>", { status: 502 })),
      answering(() => Response.json({ display_name: "no id" })),
      answering(() => Response.json({ id: 42 })),
      answering(() => Response.json({ id: "" })),
      answering(() => new Response("{not json", { status: 200 })),
      () => Promise.reject(new TypeError("connection refused")),
    ]
  ) {
    assert.equal(await fetchAccountId(API, "t", { fetch }), undefined);
  }
});

Deno.test("a silent API is given up after the timeout", async () => {
  const silent: typeof fetch = (_url, init) =>
    new Promise((_, reject) =>
      init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason))
    );
  assert.equal(await fetchAccountId(API, "t", { fetch: silent, timeoutMs: 1 }), undefined);
});
