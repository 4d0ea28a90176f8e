/**
 * The history store's schema: the first version's tables, and each migration since. A new store
 * is made by the first version's DDL followed by every migration, so the path an old file takes is
 * the path every new file takes.
 *
 * Version 1: `items` (what was played: names and URIs), `facets` (how it was played: platform,
 * country, reasons, flags, file); each row is shared by the plays with those values (two writers
 * may each add the same values: a repeat is harmless, plays are read by value),
 * `plays` (one row per play: when it ended, its item and facet, `ms_played`, and the instant each
 * source recorded, `basic_at`, `extended_at`, `api_at`), `imports` (each export file imported, by
 * content digest), `syncs` (each sync: what it saw and missed).
 *
 * Version 2: `facets.context` (the playlist, album or artist the API says a play came from),
 * `syncs.covered_to` (the newest play a sync saw),
 * `snapshots` (dated top artists and tracks and saved tracks), and the `listening` view (one flat
 * row per play, as the frame has it, for SQL).
 *
 * Version 3: the `listening` view without `concat_ws` (SQLite 3.44+), so that SQLite 3.31 and
 * later (Debian 12's `sqlite3`, Python's `sqlite3`) read it.
 *
 * Private to `lib/history/`.
 *
 * @module
 */

/** `PRAGMA application_id` of a history store ("SPLH"): a SQLite file without it is not ours. */
export const APPLICATION_ID = 0x53504c48;

/** The schema version this code writes. */
export const SCHEMA_VERSION = 3;

/** The first version's tables, as the first release created them. */
export const SCHEMA_V1 = `
CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  account TEXT NOT NULL,
  kind TEXT,
  track TEXT, artist TEXT, album TEXT, track_uri TEXT,
  episode TEXT, show TEXT, episode_uri TEXT,
  audiobook TEXT, audiobook_uri TEXT, chapter TEXT, chapter_uri TEXT
);
CREATE INDEX items_by_account ON items (account);
CREATE TABLE facets (
  id INTEGER PRIMARY KEY,
  account TEXT NOT NULL,
  platform TEXT, country TEXT, reason_start TEXT, reason_end TEXT,
  shuffle INTEGER, skipped INTEGER, offline INTEGER, incognito INTEGER,
  file TEXT
);
CREATE INDEX facets_by_account ON facets (account);
CREATE TABLE plays (
  id INTEGER PRIMARY KEY,
  account TEXT NOT NULL,
  played_at INTEGER NOT NULL,
  item INTEGER NOT NULL REFERENCES items (id),
  facet INTEGER NOT NULL REFERENCES facets (id),
  ms_played INTEGER,
  basic_at INTEGER, extended_at INTEGER, api_at INTEGER
);
CREATE INDEX plays_by_time ON plays (account, played_at);
CREATE TABLE imports (
  account TEXT NOT NULL,
  digest TEXT NOT NULL,
  file TEXT NOT NULL,
  plays INTEGER NOT NULL,
  added INTEGER NOT NULL,
  first_at INTEGER,
  last_at INTEGER,
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (account, digest)
);
CREATE TABLE syncs (
  id INTEGER PRIMARY KEY,
  account TEXT NOT NULL,
  synced_at INTEGER NOT NULL,
  seen INTEGER NOT NULL,
  added INTEGER NOT NULL,
  covered_from INTEGER,
  missed_from INTEGER,
  missed_to INTEGER
);
`;

/**
 * The flat view of the plays as version 2 made it: `source` by `concat_ws`, which SQLite has only
 * since 3.44 (Debian 12's `sqlite3` and Python's `sqlite3` module could not read it).
 */
const LISTENING_VIEW_2 = `
CREATE VIEW listening AS
SELECT
  p.account,
  strftime('%Y-%m-%dT%H:%M:%fZ', p.played_at / 1000.0, 'unixepoch') AS played_at,
  p.played_at AS played_at_ms,
  p.ms_played,
  i.kind, i.track, i.artist, i.album, i.track_uri, i.episode, i.show, i.episode_uri,
  i.audiobook, i.audiobook_uri, i.chapter, i.chapter_uri,
  f.platform, f.country, f.reason_start, f.reason_end,
  f.shuffle, f.skipped, f.offline, f.incognito,
  concat_ws('+',
    CASE WHEN p.basic_at IS NOT NULL THEN 'basic' END,
    CASE WHEN p.extended_at IS NOT NULL THEN 'extended' END,
    CASE WHEN p.api_at IS NOT NULL THEN 'api' END) AS source,
  f.file,
  f.context AS context_uri
FROM plays p
JOIN items i ON i.id = p.item
JOIN facets f ON f.id = p.facet;
`;

/**
 * The flat view of the plays (version 3): the same columns, in SQL that SQLite 3.31 and later
 * read (`||` and `CASE`, `substr` to drop the first `+`).
 */
const LISTENING_VIEW = `
CREATE VIEW listening AS
SELECT
  p.account,
  strftime('%Y-%m-%dT%H:%M:%fZ', p.played_at / 1000.0, 'unixepoch') AS played_at,
  p.played_at AS played_at_ms,
  p.ms_played,
  i.kind, i.track, i.artist, i.album, i.track_uri, i.episode, i.show, i.episode_uri,
  i.audiobook, i.audiobook_uri, i.chapter, i.chapter_uri,
  f.platform, f.country, f.reason_start, f.reason_end,
  f.shuffle, f.skipped, f.offline, f.incognito,
  substr(
    CASE WHEN p.basic_at IS NOT NULL THEN '+basic' ELSE '' END ||
    CASE WHEN p.extended_at IS NOT NULL THEN '+extended' ELSE '' END ||
    CASE WHEN p.api_at IS NOT NULL THEN '+api' ELSE '' END, 2) AS source,
  f.file,
  f.context AS context_uri
FROM plays p
JOIN items i ON i.id = p.item
JOIN facets f ON f.id = p.facet;
`;

/** `MIGRATIONS[n]` takes a store from version `n - 1` to version `n`. */
export const MIGRATIONS: Readonly<Record<number, string>> = {
  2: `
ALTER TABLE facets ADD COLUMN context TEXT;
ALTER TABLE syncs ADD COLUMN covered_to INTEGER;
CREATE TABLE snapshots (
  account TEXT NOT NULL,
  taken_on TEXT NOT NULL,
  list TEXT NOT NULL,
  time_range TEXT NOT NULL,
  rank INTEGER NOT NULL,
  id TEXT,
  name TEXT,
  artist TEXT,
  added_at INTEGER,
  PRIMARY KEY (account, taken_on, list, time_range, rank)
);
DROP VIEW IF EXISTS listening;
${LISTENING_VIEW_2}`,
  3: `
DROP VIEW IF EXISTS listening;
${LISTENING_VIEW}`,
};
