/**
 * The streaming-history part of the normalize benchmark: 400,000 extended plays in 25 files (the
 * full field set of Spotify's extended export, podcast plays among them), read by
 * `readStreamingHistory` (files read included), by nodejs-polars' own `readJSON` with full schema
 * inference + `concat`, and by pandas `read_json` + `concat`, on the same files.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { join } from "node:path";
import pl from "nodejs-polars";
import { readStreamingHistory } from "../lib/mod.ts";
import { timings } from "../lib/frames/normalize.ts";
import { settle } from "./_settle.ts";

export const FILES = 25;
export const PLAYS_PER_FILE = 16_000;

/** A deterministic generator of extended-history plays, oldest first. */
export function syntheticPlays(
  count: number,
  startMs: number,
  seed = 7,
): Record<string, unknown>[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const platforms = ["android", "ios", "windows", "osx", "web_player"];
  const reasons = ["trackdone", "fwdbtn", "backbtn", "clickrow", "endplay"];
  let at = startMs;
  return Array.from({ length: count }, (_, i) => {
    at += 60_000 + Math.floor(random() * 240_000);
    const podcast = random() < 0.05;
    const n = Math.floor(random() * 20_000);
    const msPlayed = Math.floor(random() * 300_000);
    return {
      ts: new Date(at).toISOString().slice(0, 19) + "Z",
      platform: platforms[i % platforms.length],
      ms_played: msPlayed,
      conn_country: random() < 0.9 ? "SE" : "DE",
      ip_addr: `192.0.2.${i % 250}`,
      master_metadata_track_name: podcast ? null : `Track ${n}`,
      master_metadata_album_artist_name: podcast ? null : `Artist ${n % 900}`,
      master_metadata_album_album_name: podcast ? null : `Album ${n % 3000}`,
      spotify_track_uri: podcast ? null : `spotify:track:${n.toString(36).padStart(22, "0")}`,
      episode_name: podcast ? `Episode ${n}` : null,
      episode_show_name: podcast ? `Show ${n % 40}` : null,
      spotify_episode_uri: podcast ? `spotify:episode:${n.toString(36).padStart(22, "0")}` : null,
      audiobook_title: null,
      audiobook_uri: null,
      audiobook_chapter_uri: null,
      audiobook_chapter_title: null,
      reason_start: reasons[(i + 3) % reasons.length],
      reason_end: reasons[i % reasons.length],
      shuffle: random() < 0.4,
      skipped: msPlayed < 30_000,
      offline: false,
      offline_timestamp: null,
      incognito_mode: false,
    };
  });
}

/** Write the 25 files into a new temporary folder; returns it and the bytes written. */
export async function writeHistory(): Promise<{ dir: string; bytes: number }> {
  const dir = await Deno.makeTempDir({ prefix: "bench-history-" });
  let bytes = 0;
  let start = Date.parse("2019-01-01T00:00:00Z");
  for (let f = 0; f < FILES; f++) {
    const plays = syntheticPlays(PLAYS_PER_FILE, start, f + 1);
    start = Date.parse(plays[plays.length - 1]!.ts as string);
    const text = JSON.stringify(plays, null, 1);
    bytes += text.length;
    await Deno.writeTextFile(join(dir, `Streaming_History_Audio_${2019 + f}_${f}.json`), text);
  }
  return { dir, bytes };
}

function files(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((e) => join(dir, e.name)).sort();
}

/** Timings of one history run, in ms. */
export interface HistoryTimes {
  lib: number;
  phases: { readParse: number; columns: number; encode: number; read: number };
  polars: number;
  rows: number;
  polarsRows: number;
}

/** Best of `runs` for each reader, with where the lib's time went in its best run. */
export async function timeHistory(dir: string, runs = 3): Promise<HistoryTimes> {
  let lib = Infinity;
  let phases = { readParse: 0, columns: 0, encode: 0, read: 0 };
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    await settle();
    const started = performance.now();
    const df = await readStreamingHistory(dir, { timeZone: "Europe/Stockholm" });
    const ms = performance.now() - started;
    rows = df.height;
    if (ms < lib) {
      lib = ms;
      phases = {
        readParse: ms - timings.walk - timings.encode - timings.read,
        columns: timings.walk,
        encode: timings.encode,
        read: timings.read,
      };
    }
  }
  let polars = Infinity;
  let polarsRows = 0;
  for (let i = 0; i < runs; i++) {
    await settle();
    const started = performance.now();
    const frames = [];
    for (const path of files(dir)) {
      const bytes = await Deno.readFile(path);
      frames.push(
        pl.readJSON(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), {
          inferSchemaLength: null,
        }),
      );
    }
    const df = pl.concat(frames);
    polars = Math.min(polars, performance.now() - started);
    polarsRows = df.height;
  }
  return { lib, phases, polars, rows, polarsRows };
}

/** pandas `concat([read_json(f) ...])`, best of `runs`, in ms; undefined without pandas. */
export async function pandasHistoryMs(dir: string, runs = 3): Promise<number | undefined> {
  const script = `
import gc, sys, time
import pandas as pd
files = sys.argv[1:]
best = float("inf")
for _ in range(${runs}):
    df = None
    gc.collect()
    t = time.perf_counter()
    df = pd.concat([pd.read_json(f) for f in files], ignore_index=True)
    best = min(best, time.perf_counter() - t)
print(best * 1000, len(df))`;
  try {
    const { success, stdout } = await new Deno.Command("/usr/bin/python3", {
      args: ["-c", script, ...files(dir)],
      stderr: "null",
    }).output();
    return success ? Number(new TextDecoder().decode(stdout).split(" ")[0]) : undefined;
  } catch {
    return undefined;
  }
}
