/**
 * The sample listener goes on listening as the emulator's clock moves. The listener's time is the
 * catalog's `now` plus how long the emulator has run (its `now` option): at the start it is the
 * catalog's moment, and the recently played list is the catalog's. From the next morning on, each
 * day brings plays drawn from a seed of that day (sessions between 06:00 and 22:00 UTC, tracks
 * weighted towards the followed artists, sometimes from the listener's own playlists), so two
 * requests a simulated day apart see new plays, the same ones every run. Recently played is the
 * 50 most recent plays at the listener's time, as Spotify keeps; the top artists and tracks move
 * with what was played in their window (4 weeks, 6 months, a year: the longer, the slower).
 *
 * @module
 */
import type { Catalog } from "./catalog_types.ts";
import { mulberry32 } from "./random.ts";

/** A play in the shape the catalog keeps them. */
export interface ListenerPlay {
  track_id: string;
  played_at: string;
  context_playlist: string | null;
}

const DAY = 86_400_000;
const SEED = 20261206;
const WINDOW = 50;
/** Days each time range covers, and how many plays a rank is worth in it. */
const RANGES: Record<string, { days: number; rankWeight: number }> = {
  short_term: { days: 28, rankWeight: 1 },
  medium_term: { days: 182, rankWeight: 10 },
  long_term: { days: 365, rankWeight: 100 },
};

/** The sample listener, listening on. */
export class SampleListener {
  readonly #catalog: Catalog;
  readonly #now: () => number;
  readonly #start: number;
  readonly #origin: number;
  readonly #days = new Map<number, ListenerPlay[]>();
  readonly #tracks: { id: string; artist: string; duration: number; weight: number }[];
  readonly #artists: Map<string, string>;
  readonly #total: number;
  readonly #playlists: string[];

  /**
   * @param catalog The catalog (its `now` and recorded plays are where the listener starts).
   * @param now The emulator's clock.
   */
  constructor(catalog: Catalog, now: () => number) {
    this.#catalog = catalog;
    this.#now = now;
    this.#start = now();
    this.#origin = Date.parse(catalog.now);
    const favourites = new Set(catalog.user.followed_artists);
    this.#tracks = catalog.albums.flatMap((album) =>
      album.tracks.map((t) => ({
        id: t.id,
        artist: t.artist_ids[0]!,
        duration: t.duration_ms,
        weight: favourites.has(t.artist_ids[0]!) ? 6 : 1,
      }))
    );
    this.#total = this.#tracks.reduce((n, t) => n + t.weight, 0);
    this.#artists = new Map(this.#tracks.map((t) => [t.id, t.artist]));
    this.#playlists = catalog.playlists.filter((p) => p.owner_id === catalog.user.id).map((p) =>
      p.id
    );
  }

  /** The listener's time, in ms. */
  time(): number {
    return this.#origin + Math.max(0, this.#now() - this.#start);
  }

  /** The 50 most recent plays at the listener's time, newest first. */
  recent(): ListenerPlay[] {
    const at = this.time();
    const plays: ListenerPlay[] = [];
    for (let day = this.#dayOf(at); day >= 1 && plays.length < WINDOW; day--) {
      const done = this.#day(day).filter((p) => Date.parse(p.played_at) <= at);
      plays.push(...done.reverse());
    }
    return [...plays, ...this.#catalog.user.recently_played].slice(0, WINDOW);
  }

  /**
   * The top artist or track ids of a time range: the catalog's ranking, moved by the plays of the
   * range's window since the catalog's moment.
   */
  top(type: "artists" | "tracks", range: string): string[] {
    const base = this.#catalog.user.top[type][range] ?? [];
    const { days, rankWeight } = RANGES[range] ?? RANGES.medium_term!;
    const at = this.time();
    const counts = new Map<string, number>();
    const first = Math.max(1, this.#dayOf(at - days * DAY));
    for (let day = this.#dayOf(at); day >= first; day--) {
      for (const play of this.#day(day)) {
        if (Date.parse(play.played_at) > at) continue;
        const key = type === "tracks" ? play.track_id : this.#artists.get(play.track_id) ?? "";
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const score = (id: string, i: number) => (base.length - i) * rankWeight + (counts.get(id) ?? 0);
    return base.map((id, i) => ({ id, i, s: score(id, i) }))
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .map((x) => x.id);
  }

  /** Days since the catalog's day (its day is 0; the listener's new plays start on day 1). */
  #dayOf(ms: number): number {
    return Math.floor(ms / DAY) - Math.floor(this.#origin / DAY);
  }

  /** The plays of one day, oldest first, from that day's seed. */
  #day(day: number): ListenerPlay[] {
    let plays = this.#days.get(day);
    if (plays !== undefined) return plays;
    plays = [];
    const next = mulberry32(SEED + day);
    const midnight = (Math.floor(this.#origin / DAY) + day) * DAY;
    const weekend = [0, 6].includes(new Date(midnight).getUTCDay());
    const sessions = 1 + Math.floor(next() * (weekend ? 4 : 3));
    // A morning session (07:00 to 10:00), then the rest of the day's (to 22:00).
    const starts = Array.from(
      { length: sessions },
      (_, i) => i === 0 ? 7 + next() * 3 : 10 + next() * 12,
    )
      .sort((a, b) => a - b);
    let at = midnight;
    for (const hour of starts) {
      at = Math.max(at, midnight + Math.floor(hour * 3_600_000));
      const context = next() < 0.4
        ? this.#playlists[Math.floor(next() * this.#playlists.length)]
        : null;
      for (let k = 0, n = 3 + Math.floor(next() * 10); k < n; k++) {
        const track = this.#pick(next());
        at += track.duration;
        plays.push({
          track_id: track.id,
          played_at: new Date(at).toISOString(),
          context_playlist: context ?? null,
        });
      }
    }
    this.#days.set(day, plays);
    return plays;
  }

  #pick(roll: number): { id: string; duration: number } {
    let left = roll * this.#total;
    for (const t of this.#tracks) if ((left -= t.weight) < 0) return t;
    return this.#tracks[0]!;
  }
}
