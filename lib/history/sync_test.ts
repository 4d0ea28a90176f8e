/**
 * Sync against the emulator over 127.0.0.1, its clock moved by the test: new plays a simulated day
 * later, one request when nothing is new, the window of plays missed, snapshots at most one a day,
 * `connect({ user: true })`'s sync that never fails the cell, and no secret in the store.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "../../emulator/mod.ts";
import { createClient } from "../api/client.ts";
import { connect, signInSampleListener } from "../connect.ts";
import { extendedEntry, tempStore, writeExport } from "./_test_fixtures.ts";
import { importHistory } from "./import_export.ts";
import { historyFrame } from "./read.ts";
import { snapshotsFrame } from "./snapshots.ts";
import { openHistory } from "./store.ts";
import { syncHistory } from "./sync.ts";

const DAY = 86_400_000;
const SECRET = "canaryHistorySecret000000000000042";

/** An emulator whose clock the test moves, and a session signed in as its sample listener. */
async function listening(mode: "development" | "extended" = "development") {
  let offset = 0;
  const started = Date.now();
  const clock = () => started + offset;
  const server = await startEmulator({ mode, now: clock, clientSecret: SECRET });
  const tokens = await signInSampleListener(server, { now: clock });
  const client = createClient({ apiUrl: server.apiUrl, tokenProvider: tokens, mode });
  return {
    server,
    session: { client, tokens },
    now: clock,
    /** Move the emulator's clock on. */
    advance(ms: number) {
      offset += ms;
    },
    requests: (server: RunningEmulator) => server.emulator.log.length,
  };
}

Deno.test("two syncs a simulated day apart add the day's new plays, and a sync with nothing new makes one request and adds nothing", async () => {
  const t = await tempStore("sample.listener");
  const l = await listening();
  try {
    const first = await syncHistory(t.store, l.session, { now: l.now });
    assert.deepEqual([first.seen, first.added, first.warning], [50, 50, undefined]);
    const before = l.server.emulator.log.length;
    const nothing = await syncHistory(t.store, l.session, { now: l.now });
    assert.deepEqual([nothing.seen, nothing.added], [0, 0]);
    assert.deepEqual(
      l.server.emulator.log.slice(before).map((r) => r.path.replace(/\?.*/, "")),
      ["/v1/me/player/recently-played"],
    );
    assert.match(l.server.emulator.log.at(-1)!.path, /after=\d+/);
    l.advance(DAY);
    const next = await syncHistory(t.store, l.session, { now: l.now });
    assert.ok(next.added > 0 && next.added === next.seen, `${next.added} of ${next.seen}`);
    const plays = historyFrame(t.store, { timeZone: "UTC" });
    assert.equal(plays.height, 50 + next.added);
    assert.deepEqual(plays.getColumn("source").unique().toArray(), ["api"]);
    assert.ok(plays.getColumn("context_uri").dropNulls().length > 0);
    const newest = plays.getColumn("played_at").max() as unknown as Date;
    assert.ok(new Date(newest).getTime() > Date.parse("2026-11-21T00:00:00Z"));
  } finally {
    await l.server.close();
    await t.close();
  }
});

Deno.test("plays the API no longer has are named in one sentence with the window and how often to sync", async () => {
  const t = await tempStore("sample.listener");
  const l = await listening();
  try {
    await syncHistory(t.store, l.session, { now: l.now });
    const newest = historyFrame(t.store).getColumn("played_at").max() as unknown as Date;
    l.advance(6 * DAY); // more than 50 plays later
    const late = await syncHistory(t.store, l.session, { now: l.now });
    assert.equal(late.seen, 50);
    assert.ok(late.missed !== undefined);
    assert.equal(late.missed.from.getTime(), new Date(newest).getTime());
    const oldest = historyFrame(t.store, { from: late.missed.to }).getColumn("played_at")
      .min() as unknown as Date;
    assert.equal(late.missed.to.getTime(), new Date(oldest).getTime());
    assert.match(
      late.warning!,
      /^Plays between 2026-11-20 15:00 UTC and 2026-11-2\d \d\d:\d\d UTC were not seen: sync at least every \d+ hours?$/,
    );
    const [row] = t.store.db.prepare(
      "SELECT missed_from, missed_to FROM syncs ORDER BY id DESC LIMIT 1",
    ).all();
    assert.deepEqual(
      [row!.missed_from, row!.missed_to],
      [late.missed.from.getTime(), late.missed.to.getTime()],
    );
    // The next day's sync, in time, misses nothing.
    l.advance(DAY / 2);
    assert.equal((await syncHistory(t.store, l.session, { now: l.now })).warning, undefined);
  } finally {
    await l.server.close();
    await t.close();
  }
});

Deno.test("snapshots are kept at most one a day, and the top artists move as the listener listens on", async () => {
  const t = await tempStore("sample.listener");
  const l = await listening("extended");
  try {
    const first = await syncHistory(t.store, l.session, { now: l.now, snapshots: true });
    assert.equal(first.snapshots?.taken.length, 7);
    const again = await syncHistory(t.store, l.session, { now: l.now, snapshots: true });
    assert.deepEqual([again.snapshots?.taken.length, again.snapshots?.already.length], [0, 7]);
    l.advance(5 * DAY);
    await syncHistory(t.store, l.session, { now: l.now, snapshots: true });
    const top = snapshotsFrame(t.store, { list: "top_artists", timeRange: "short_term" })
      .toRecords() as unknown as { taken_on: Date; id: string }[];
    const byDay = Map.groupBy(top, (r) => r.taken_on.toISOString());
    assert.equal(byDay.size, 2);
    const [before, after] = [...byDay.values()].map((rows) => rows.map((r) => r.id).join());
    assert.notEqual(before, after);
    const saved = snapshotsFrame(t.store, { list: "saved_tracks" });
    assert.ok(saved.getColumn("added_at").nullCount() === 0 && saved.height > 100);
  } finally {
    await l.server.close();
    await t.close();
  }
});

Deno.test("the export imported and then synced: the overlap is merged, the store holds no IP address, user agent, token or secret", async () => {
  const t = await tempStore("sample.listener");
  const l = await listening();
  try {
    const folder = await writeExport(t.dir, {
      "Streaming_History_Audio_2026.json": [extendedEntry("2026-05-02T12:00:00Z", "Paper Heart")],
    });
    await importHistory(t.store, folder);
    await syncHistory(t.store, l.session, { now: l.now, snapshots: true });
    l.advance(DAY);
    await syncHistory(t.store, l.session, { now: l.now });
    const token = (await l.session.tokens.getToken()).value.reveal();
    t.store.close();
    const bytes = new TextDecoder("latin1").decode(await Deno.readFile(t.path)) +
      await Deno.readTextFile(`${t.path}-wal`).catch(() => "");
    assert.ok(bytes.includes("Paper Heart"), "the store was read");
    for (
      const canary of [
        "203.0.113.77",
        "203.0.113.78",
        "CanaryAgent",
        "canaryUserName7788",
        SECRET,
        token,
      ]
    ) {
      assert.ok(!bytes.includes(canary), `the store holds ${canary.slice(0, 12)}…`);
    }
  } finally {
    await l.server.close();
    await t.close();
  }
});

Deno.test("connect({ user: true }) adds the new plays to the store, and a store it cannot open is one line of warning, not a failed cell", async () => {
  const dir = await Deno.makeTempDir();
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.join(" "));
  try {
    const path = join(dir, "history.sqlite");
    const options = { env: {}, envFile: false, cacheDir: false, user: true } as const;
    {
      await using spotify = await connect({ ...options, history: path });
      using store = await openHistory(spotify, { path });
      assert.equal(historyFrame(store).height, 50);
    }
    assert.deepEqual(warnings, []);
    const broken = join(dir, "notes.sqlite");
    await Deno.writeTextFile(broken, "not a database");
    await using spotify = await connect({ ...options, history: broken });
    assert.ok(spotify.user);
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0]!,
      /^Listening history not synced: Cannot open the history store .*notes\.sqlite": it is not a SQLite file/,
    );
    assert.equal(await Deno.readTextFile(broken), "not a database");
  } finally {
    console.warn = warn;
    await Deno.remove(dir, { recursive: true });
  }
});
