/**
 * Spotify's "Download your data" export, imported into the history store: the basic account-data
 * files (`StreamingHistory*.json`: names and minute-precision end times) and the extended ones
 * (`Streaming_History_Audio_*.json`: URIs, `ms_played`, reasons), podcast and audiobook plays kept
 * as their own kinds, as `readStreamingHistory` reads them. IP addresses and user agents are never
 * read.
 *
 * Each file is imported in one transaction, with a row naming it by the digest of its content: a
 * file imported before is skipped (importing a folder twice adds 0 plays), and an import stopped
 * midway (Ctrl-C, `kill -9`) keeps the files it finished and redoes the rest on the next run.
 *
 * Plays are merged with those already stored, synced from the API or imported from another file:
 * the same item (URI, else artist and track names) within 30 s of the same instant, at each
 * source's precision, is one play; two plays of one source are never merged; the richer source's
 * values win (extended, then API, then basic) and each source's instant is kept. `_merge.ts` has
 * the rules in full.
 *
 * @module
 */
import { basename, join, resolve } from "node:path";
import { PROJECT_ROOT } from "../core/config.ts";
import { SpotifyError } from "../core/errors.ts";
import { type ExportFilePlays, readExportFile } from "../frames/streaming_history.ts";
import { type MergeCounts, mergePlays } from "./_merge.ts";
import type { PlayRecord, Source } from "./_rows.ts";
import { type HistoryStore, transaction } from "./store.ts";

/** The sample listener of the bundled emulator, the only account the sample export belongs to. */
export const SAMPLE_LISTENER = "sample.listener";

const FILE = /^(StreamingHistory.*|Streaming_History_Audio_.*)\.json$/;

/** Options of {@linkcode importHistory}. */
export interface ImportHistoryOptions {
  /** Stop between files when aborted (the files done are kept). */
  signal?: AbortSignal;
  /** The clock of the import's record, in ms. @default {Date.now} */
  now?: () => number;
}

/** What an import did. */
export interface ImportReport {
  /** Plays added. */
  added: number;
  /** Plays already stored (synced, or from another file) that this import saw too. */
  merged: number;
  /** Plays these files had given before. */
  already: number;
  /** Files imported now. */
  files: number;
  /** Files imported before, skipped. */
  skipped: number;
  /** Plays read from the files imported now. */
  plays: number;
  /** One line saying it. */
  summary: string;
}

/**
 * Import export files into the store (for its account).
 *
 * @param store The open store.
 * @param paths Export folders (searched with their sub-folders) or files; none imports nothing.
 * @param options Cancellation and clock.
 * @returns What was imported.
 * @throws {SpotifyError} When a path has no history file, or a file is not a streaming history.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PROJECT_ROOT } from "../core/config.ts";
 * import { importHistory } from "./import_export.ts";
 * import { openHistory } from "./store.ts";
 * const dir = await Deno.makeTempDir();
 * using store = await openHistory("sample.listener", { path: `${dir}/h.sqlite` });
 * const first = await importHistory(store, `${PROJECT_ROOT}data/sample/export`);
 * assert.ok(first.added > 1000 && first.files === 2);
 * const again = await importHistory(store, `${PROJECT_ROOT}data/sample/export`);
 * assert.equal(again.added, 0);
 * store.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function importHistory(
  store: HistoryStore,
  paths: string | readonly string[],
  options: ImportHistoryOptions = {},
): Promise<ImportReport> {
  const report = { files: 0, skipped: 0, plays: 0, added: 0, merged: 0, already: 0 };
  const list = typeof paths === "string" ? [paths] : paths;
  // No path, no import: a notebook's `EXPORT_DIRS = []` skips it.
  const files = list.length === 0 ? [] : await historyFiles(list);
  const ours = files.filter((f) => store.account === SAMPLE_LISTENER || !isSample(f));
  for (const file of ours) {
    options.signal?.throwIfAborted();
    const bytes = await readBytes(file);
    // The digest is computed on another thread while the file is parsed.
    const digesting = digestOf(bytes);
    const name = basename(file);
    const records = recordsOf(readExportFile(name, bytes));
    const digest = await digesting;
    if (imported(store, digest)) {
      report.skipped++;
      continue;
    }
    const counts = transaction(store, () => {
      const counts = { added: 0, merged: 0, already: 0 };
      for (const [source, list] of records) {
        add(counts, mergePlays(store, source, list));
      }
      record(store, { digest, name, records, counts, at: (options.now ?? Date.now)() });
      return counts;
    });
    report.files++;
    report.plays += [...records.values()].reduce((n, list) => n + list.length, 0);
    add(report, counts);
  }
  const left = files.length - ours.length;
  return { ...report, summary: summary(report, left) };
}

function add(to: MergeCounts, counts: MergeCounts): void {
  to.added += counts.added;
  to.merged += counts.merged;
  to.already += counts.already;
}

function summary(r: Omit<ImportReport, "summary">, sample: number): string {
  const files = `${r.files} file${r.files === 1 ? "" : "s"} imported`;
  const skipped = r.skipped > 0 ? `, ${r.skipped} imported before` : "";
  const sampleNote = sample > 0
    ? `, ${sample} of the bundled sample export left out (it is the sample listener's, not this account's)`
    : "";
  return `${files}${skipped}: ${r.plays} plays read, ${r.added} added, ${r.merged} merged with plays already stored${sampleNote}`;
}

/** Whether a file lies in the project's bundled sample data. */
function isSample(file: string): boolean {
  return resolve(file).startsWith(resolve(PROJECT_ROOT, "data", "sample") + "/");
}

/** The history files under the paths, sorted. */
async function historyFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (FILE.test(entry.name)) files.push(path);
    }
  };
  for (const path of paths) {
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(path);
      if (info.isDirectory) await walk(path);
      else files.push(path);
    } catch (cause) {
      throw new SpotifyError(
        `Cannot read the export "${path}": it does not exist or is not readable`,
        { cause },
      );
    }
  }
  if (files.length === 0) {
    throw new SpotifyError(
      `Cannot find a streaming history in "${
        paths.join('", "')
      }": expected StreamingHistory*.json or Streaming_History_Audio_*.json files from Spotify's "Download your data"`,
    );
  }
  return files.sort();
}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return await Deno.readFile(file);
  } catch (cause) {
    throw new SpotifyError(`Cannot read "${file}": it is not readable`, { cause });
  }
}

async function digestOf(bytes: Uint8Array): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  return Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("");
}

function imported(store: HistoryStore, digest: string): boolean {
  return store.db.prepare("SELECT 1 FROM imports WHERE account = ? AND digest = ?")
    .get(store.account, digest) !== undefined;
}

function record(
  store: HistoryStore,
  done: {
    digest: string;
    name: string;
    records: Map<Source, PlayRecord[]>;
    counts: MergeCounts;
    at: number;
  },
): void {
  let [plays, first, last] = [0, Infinity, -Infinity];
  for (const list of done.records.values()) {
    plays += list.length;
    for (const r of list) [first, last] = [Math.min(first, r.at), Math.max(last, r.at)];
  }
  store.db.prepare(
    `INSERT OR REPLACE INTO imports (account, digest, file, plays, added, first_at, last_at, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    store.account,
    done.digest,
    done.name,
    plays,
    done.counts.added,
    plays > 0 ? first : null,
    plays > 0 ? last : null,
    done.at,
  );
}

/** A file's plays as records, by source (a file holds one shape, but each play says its own). */
function recordsOf(plays: ExportFilePlays): Map<Source, PlayRecord[]> {
  const bySource = new Map<Source, PlayRecord[]>();
  const { text: t, flags: f } = plays;
  for (let i = 0; i < plays.length; i++) {
    const source = plays.source[i] as Source;
    const record: PlayRecord = {
      at: plays.playedAt[i]!,
      ms_played: plays.msPlayed[i]!,
      kind: t.kind[i]!,
      track: t.track[i]!,
      artist: t.artist[i]!,
      album: t.album[i]!,
      track_uri: t.track_uri[i]!,
      episode: t.episode[i]!,
      show: t.show[i]!,
      episode_uri: t.episode_uri[i]!,
      audiobook: t.audiobook[i]!,
      audiobook_uri: t.audiobook_uri[i]!,
      chapter: t.chapter[i]!,
      chapter_uri: t.chapter_uri[i]!,
      platform: t.platform[i]!,
      country: t.country[i]!,
      reason_start: t.reason_start[i]!,
      reason_end: t.reason_end[i]!,
      shuffle: f.shuffle[i]!,
      skipped: f.skipped[i]!,
      offline: f.offline[i]!,
      incognito: f.incognito[i]!,
      file: plays.file[i]!,
      context: null,
    };
    const list = bySource.get(source);
    if (list === undefined) bySource.set(source, [record]);
    else list.push(record);
  }
  return bySource;
}
