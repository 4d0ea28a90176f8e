/**
 * A browser on another machine, for the paste-flow tests: it opens the authorize page on the
 * emulator, agrees (the emulator approves at once) and follows Spotify's redirect to a 127.0.0.1
 * address where nothing answers, as the user's laptop would when the kernel runs elsewhere.
 *
 * @module
 */
import assert from "node:assert/strict";

/**
 * A port on 127.0.0.1 where nothing listens: the user's machine, seen from the kernel's.
 *
 * @returns The port number.
 */
export function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/**
 * Open the authorize page, agree, and end on the redirect address (which fails to load when
 * `follow` is set and nothing listens there).
 *
 * @param authorizeUrl The page the sign-in printed.
 * @param options Whether to follow the redirect, as a browser does.
 * @returns The address the browser ended on: what the user pastes.
 */
export async function browseElsewhere(
  authorizeUrl: string,
  options: { follow: boolean },
): Promise<string> {
  const approved = await fetch(authorizeUrl, { redirect: "manual" });
  await approved.body?.cancel();
  assert.equal(approved.status, 302, "the authorize page redirects back");
  const address = approved.headers.get("location")!;
  if (options.follow) {
    await assert.rejects(fetch(address), TypeError, "nothing answers the redirect address here");
  }
  return address;
}

/**
 * The authorize URL in what a sign-in printed.
 *
 * @param printed The sign-in's output so far.
 * @returns The URL, or `undefined` when none was printed yet.
 */
export function authorizeUrlIn(printed: string): string | undefined {
  return printed.match(/http:\/\/\S+\/authorize\?\S+/)?.[0];
}
