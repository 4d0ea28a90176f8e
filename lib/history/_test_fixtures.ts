/**
 * What the history tests share: a store in a temporary folder, crafted export entries (basic and
 * extended) and API plays, an export folder written from entries. Private to `lib/history/`.
 *
 * @module
 */
import { join } from "node:path";
import type { PlayRecord } from "./_rows.ts";
import { type HistoryStore, openHistory } from "./store.ts";

/** A store for `account` in a new temporary folder; `close()` removes the folder. */
export async function tempStore(
  account = "listener.one",
): Promise<{ store: HistoryStore; dir: string; path: string; close(): Promise<void> }> {
  const dir = await Deno.makeTempDir({ prefix: "history-test-" });
  const path = join(dir, "history.sqlite");
  const store = await openHistory(account, { path });
  return {
    store,
    dir,
    path,
    async close() {
      store.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** A URI for a track name. */
export const uriOf = (name: string) =>
  `spotify:track:${name.replace(/\W/g, "").padEnd(22, "x").slice(0, 22)}`;

/** An extended export entry of a track, with an IP address and a user agent (never to be read). */
export function extendedEntry(
  ts: string,
  track: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ts,
    username: "canaryUserName7788",
    platform: "android",
    ms_played: 200_000,
    conn_country: "SE",
    ip_addr: "203.0.113.77",
    ip_addr_decrypted: "203.0.113.78",
    user_agent_decrypted: "CanaryAgent/9.9 (secret build)",
    master_metadata_track_name: track,
    master_metadata_album_artist_name: "Tova Calloway",
    master_metadata_album_album_name: "Salt Heart",
    spotify_track_uri: uriOf(track),
    episode_name: null,
    episode_show_name: null,
    spotify_episode_uri: null,
    reason_start: "trackdone",
    reason_end: "trackdone",
    shuffle: false,
    skipped: false,
    offline: false,
    offline_timestamp: null,
    incognito_mode: false,
    ...extra,
  };
}

/** A basic export entry (`endTime` to the minute, UTC). */
export function basicEntry(endTime: string, track: string, msPlayed = 200_000) {
  return { endTime, artistName: "Tova Calloway", trackName: track, msPlayed };
}

/** A play as the API's recently played gives it. */
export function apiPlay(
  playedAt: string,
  track: string,
  context: string | null = null,
): PlayRecord {
  return {
    at: Date.parse(playedAt),
    ms_played: null,
    kind: "track",
    track,
    artist: "Tova Calloway",
    album: "Salt Heart",
    track_uri: uriOf(track),
    episode: null,
    show: null,
    episode_uri: null,
    audiobook: null,
    audiobook_uri: null,
    chapter: null,
    chapter_uri: null,
    platform: null,
    country: null,
    reason_start: null,
    reason_end: null,
    shuffle: null,
    skipped: null,
    offline: null,
    incognito: null,
    file: null,
    context,
  };
}

/** Write export files (name → entries) into a new folder under `dir`; returns the folder. */
export async function writeExport(
  dir: string,
  files: Record<string, unknown[]>,
): Promise<string> {
  const folder = await Deno.makeTempDir({ dir, prefix: "export-" });
  for (const [name, entries] of Object.entries(files)) {
    await Deno.writeTextFile(join(folder, name), JSON.stringify(entries));
  }
  return folder;
}
