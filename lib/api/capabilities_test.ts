import assert from "node:assert/strict";
import { developmentModeLacks, refused } from "./capabilities.ts";

Deno.test("developmentModeLacks() names the endpoints removed for Development Mode, and only those", () => {
  const lacking: [string, string, boolean][] = [
    ["/artists", "GET /artists?ids=", true],
    ["/tracks", "GET /tracks?ids=", true],
    ["/albums", "GET /albums?ids=", true],
    ["/artists/x/top-tracks", "GET /artists/{id}/top-tracks", false],
    ["/browse/new-releases", "GET /browse/new-releases", false],
    ["/browse/categories/pop/playlists", "GET /browse/categories/{id}/playlists", false],
    ["/browse/categories/pop", "GET /browse/categories", false],
    ["/playlists/x/tracks", "GET /playlists/{id}/tracks", false],
    ["/audio-features/x", "GET /audio-features", false],
    ["/users/x", "GET /users/{id}", false],
    ["/shows", "GET /shows?ids=", true],
    ["/episodes", "GET /episodes?ids=", true],
    ["/audiobooks", "GET /audiobooks?ids=", true],
    ["/chapters", "GET /chapters?ids=", true],
    ["/me/albums/contains", "GET /me/{type}/contains", false],
    ["/me/following/contains", "GET /me/following/contains", false],
    ["/playlists/x/followers/contains", "GET /playlists/{id}/followers/contains", false],
  ];
  for (const [path, endpoint, batch] of lacking) {
    const lacks = developmentModeLacks(path);
    assert.equal(lacks?.endpoint, endpoint, path);
    assert.equal(lacks?.batch, batch, path);
    assert.equal(lacks?.contains, endpoint.includes("contains"), path);
  }
  for (
    const path of [
      "/artists/x",
      "/artists/x/albums",
      "/albums/x/tracks",
      "/search",
      "/me/top/tracks",
      "/playlists/x/items",
      "/shows/x/episodes",
      "/audiobooks/x/chapters",
      "/chapters/x",
      "/me/library/contains",
      "/me/shows",
      "/me/player",
      "/me/player/queue",
      "/playlists/x/images",
      "/playlists/x",
    ]
  ) {
    assert.equal(developmentModeLacks(path), undefined, path);
  }
  assert.match(developmentModeLacks("/recommendations")!.why, /November 2024/);
  assert.match(developmentModeLacks("/markets")!.why, /February 2026/);
});

Deno.test("refused() refuses before any request only in development mode", () => {
  assert.ok(refused("/markets", "development"));
  assert.equal(refused("/markets", "auto"), undefined);
  assert.equal(refused("/markets", "extended"), undefined);
});
