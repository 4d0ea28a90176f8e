/**
 * Conformance against Spotify's OpenAPI description: every `GET` operation of the file is called,
 * in both modes, with an app token and with a user token, and every answer (2xx bodies and error
 * bodies alike) is validated by ajv against the operation's declared response for that status,
 * with no field the file does not describe. The only differences allowed are the deviations of
 * `openapi_deviations.ts`, each justified by a section of `spotify-web-api.md`; each of them must
 * still be needed.
 */
import assert from "node:assert/strict";
import type { EmulatorMode } from "./objects.ts";
import { ALL_SCOPES, appHeaders, call, emulator, signIn } from "./_test_helpers.ts";
import { getOperations, loadOpenApi, type OpenApi, validators } from "./_openapi.ts";
import { DEVIATIONS, patched } from "./openapi_deviations.ts";
import { loadSampleCatalog } from "./sample.ts";

const catalog = loadSampleCatalog();
const spec = await loadOpenApi();
const SCOPES = [
  ...ALL_SCOPES,
  "user-read-playback-state",
  "user-read-currently-playing",
  "user-read-playback-position",
];

const artist = catalog.artists[0]!.id;
const album = catalog.albums[0]!;
const track = album.tracks[0]!.id;
const tracks = catalog.albums.slice(1, 4).map((a) => a.tracks[0]!.id).join(",");
const owned = catalog.playlists.find((p) => p.owner_id === catalog.user.id)!.id;
const others = catalog.playlists.find((p) => p.owner_id !== catalog.user.id)!.id;
const show = catalog.shows[0]!;
const episode = show.episodes[0]!.id;
const book = catalog.audiobooks[0]!;
const chapter = book.chapters[1]!.id;
const unknown = "0000000000000000000000";
const ids = (xs: { id: string }[]) => xs.slice(0, 3).map((x) => x.id).join(",");

/** The requests made for each operation (path and query after `/v1`). */
const PROBES: Record<string, string[]> = {
  "/albums/{id}": [`/albums/${album.id}`, `/albums/${album.id}?market=SE`, `/albums/${unknown}`],
  "/albums": [`/albums?ids=${ids(catalog.albums)}`],
  "/albums/{id}/tracks": [`/albums/${album.id}/tracks?limit=2&offset=1`],
  "/artists/{id}": [`/artists/${artist}`],
  "/artists": [`/artists?ids=${ids(catalog.artists)}`],
  "/artists/{id}/albums": [
    `/artists/${artist}/albums?limit=10`,
    `/artists/${artist}/albums?limit=11`,
  ],
  "/artists/{id}/top-tracks": [`/artists/${artist}/top-tracks?market=SE`],
  "/artists/{id}/related-artists": [`/artists/${artist}/related-artists`],
  "/shows/{id}": [`/shows/${show.id}`, `/shows/${show.id}?market=JP`],
  "/shows": [`/shows?ids=${ids(catalog.shows)}`],
  "/shows/{id}/episodes": [`/shows/${show.id}/episodes?limit=5&offset=5`],
  "/episodes/{id}": [`/episodes/${episode}`, `/episodes/${episode}?market=SE`],
  "/episodes": [`/episodes?ids=${ids(show.episodes)}`],
  "/audiobooks/{id}": [`/audiobooks/${book.id}`, `/audiobooks/${book.id}?market=SE`],
  "/audiobooks": [`/audiobooks?ids=${ids(catalog.audiobooks)}`],
  "/audiobooks/{id}/chapters": [`/audiobooks/${book.id}/chapters?limit=3`],
  "/me/audiobooks": ["/me/audiobooks"],
  "/me/audiobooks/contains": [`/me/audiobooks/contains?ids=${ids(catalog.audiobooks)}`],
  "/chapters/{id}": [`/chapters/${chapter}`, `/chapters/${chapter}?market=US`],
  "/chapters": [`/chapters?ids=${ids(book.chapters)}`],
  "/tracks/{id}": [`/tracks/${track}`, `/tracks/${track}?market=SE`],
  "/tracks": [`/tracks?ids=${tracks}`],
  "/search": [
    "/search?q=the&type=album,artist,playlist,track",
    "/search?q=on&type=show,episode,audiobook&limit=10",
    "/search?q=the&type=track&limit=11",
  ],
  "/me": ["/me"],
  "/playlists/{playlist_id}": [`/playlists/${owned}`, `/playlists/${others}`],
  "/playlists/{playlist_id}/tracks": [`/playlists/${owned}/tracks?limit=5`],
  "/playlists/{playlist_id}/items": [
    `/playlists/${owned}/items?limit=5`,
    `/playlists/${others}/items`,
  ],
  "/me/playlists": ["/me/playlists"],
  "/me/library/contains": [
    `/me/library/contains?uris=spotify:track:${track},spotify:show:${show.id},spotify:artist:${artist},spotify:playlist:${owned},spotify:user:fictional.curator`,
  ],
  "/me/albums": ["/me/albums?limit=2"],
  "/me/albums/contains": [`/me/albums/contains?ids=${ids(catalog.albums)}`],
  "/me/tracks": ["/me/tracks?limit=5&offset=10"],
  "/me/tracks/contains": [`/me/tracks/contains?ids=${tracks}`],
  "/me/episodes": ["/me/episodes"],
  "/me/episodes/contains": [`/me/episodes/contains?ids=${ids(show.episodes)}`],
  "/me/shows": ["/me/shows"],
  "/me/shows/contains": [`/me/shows/contains?ids=${ids(catalog.shows)}`],
  "/users/{user_id}": ["/users/fictional.curator"],
  "/users/{user_id}/playlists": ["/users/fictional.curator/playlists", "/users/nobody/playlists"],
  "/browse/featured-playlists": ["/browse/featured-playlists"],
  "/browse/categories": ["/browse/categories?limit=5"],
  "/browse/categories/{category_id}": ["/browse/categories/rock"],
  "/browse/categories/{category_id}/playlists": ["/browse/categories/rock/playlists"],
  "/playlists/{playlist_id}/images": [`/playlists/${owned}/images`],
  "/browse/new-releases": ["/browse/new-releases?limit=3"],
  "/me/following": ["/me/following?type=artist&limit=3"],
  "/me/following/contains": [
    `/me/following/contains?type=artist&ids=${ids(catalog.artists)}`,
    "/me/following/contains?type=user&ids=fictional.curator",
  ],
  "/playlists/{playlist_id}/followers/contains": [`/playlists/${others}/followers/contains`],
  "/audio-features": [`/audio-features?ids=${tracks}`],
  "/audio-features/{id}": [`/audio-features/${track}`],
  "/audio-analysis/{id}": [`/audio-analysis/${track}`],
  "/recommendations": [`/recommendations?seed_tracks=${track}`],
  "/recommendations/available-genre-seeds": ["/recommendations/available-genre-seeds"],
  "/me/player": ["/me/player", "/me/player?additional_types=track,episode&market=SE"],
  "/me/player/devices": ["/me/player/devices"],
  "/me/player/currently-playing": ["/me/player/currently-playing"],
  "/me/player/recently-played": [
    "/me/player/recently-played?limit=50",
    "/me/player/recently-played?before=1",
  ],
  "/me/player/queue": ["/me/player/queue"],
  "/markets": ["/markets"],
  "/me/top/artists": ["/me/top/artists?time_range=short_term"],
  "/me/top/tracks": ["/me/top/tracks?limit=3"],
};

/** One answer of the emulator. */
interface Answer {
  operation: string;
  request: string;
  token: "app" | "user";
  status: number;
  body: unknown;
}

/** Every probe of every operation in one mode, with both tokens. */
async function answers(mode: EmulatorMode): Promise<Answer[]> {
  const em = emulator({ mode });
  const tokens = { app: await appHeaders(em), user: (await signIn(em, SCOPES)).headers };
  const out: Answer[] = [];
  for (const [operation, requests] of Object.entries(PROBES)) {
    for (const request of requests) {
      for (const token of ["app", "user"] as const) {
        const { status, body } = await call(em, `/v1${request}`, { headers: tokens[token] });
        out.push({ operation, request, token, status, body });
      }
    }
  }
  return out;
}

function problems(document: OpenApi, all: Answer[]): string[] {
  const v = validators(document);
  return all.flatMap((a) =>
    v.check(a.operation, a.status, a.body).map((p) =>
      `${a.token} GET ${a.request} → ${a.status}: ${p}`
    )
  );
}

const MODES = ["development", "extended"] as const;
const served: Record<EmulatorMode, Answer[]> = {
  development: await answers("development"),
  extended: await answers("extended"),
};

Deno.test("the conformance probes call every GET operation of the OpenAPI description", () => {
  assert.deepEqual(Object.keys(PROBES).sort(), getOperations(spec).sort());
});

for (const mode of MODES) {
  Deno.test(`every answer in ${mode} mode conforms to the OpenAPI description, but for the documented deviations`, () => {
    assert.deepEqual(problems(patched(spec, mode), served[mode]), []);
  });
}

Deno.test("every documented deviation is still needed: without it some answer fails", () => {
  for (const [index, deviation] of DEVIATIONS.entries()) {
    const failures = deviation.modes.flatMap((mode) =>
      problems(patched(spec, mode, index), served[mode])
    );
    assert.ok(failures.length > 0, `deviation "${deviation.what}" is not needed any more`);
  }
});

Deno.test("Development Mode serves 31 read operations and Extended 53; the 2024 removals none", () => {
  const ok = (mode: EmulatorMode) =>
    new Set(served[mode].filter((a) => a.status < 300).map((a) => a.operation));
  assert.equal(ok("development").size, 31, [...ok("development")].join(" "));
  assert.equal(ok("extended").size, 53, [...ok("extended")].join(" "));
  for (const op of ["/audio-features", "/recommendations", "/browse/featured-playlists"]) {
    assert.equal(ok("extended").has(op), false, op);
  }
});

Deno.test("the validators reject a field the description lacks, a missing required field and a wrong type", async () => {
  const v = validators(patched(spec, "extended"));
  const em = emulator({ mode: "extended" });
  const { body } = await call(em, `/v1/tracks/${track}`, { headers: await appHeaders(em) });
  assert.deepEqual(v.check("/tracks/{id}", 200, body), []);
  assert.match(v.check("/tracks/{id}", 200, { ...body, mood: "sunny" }).join(), /mood/);
  const { album: _album, ...noAlbum } = body;
  assert.equal(v.check("/tracks/{id}", 200, { ...noAlbum, album: { id: 1 } }).length > 0, true);
  assert.match(v.check("/tracks/{id}", 200, { ...body, duration_ms: "long" }).join(), /integer/);
  assert.match(v.check("/tracks/{id}", 201, body).join(), /201 is not an answer/);
});
