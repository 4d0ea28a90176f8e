/**
 * Column specs several builders share: a release date's four columns, a track's columns (also
 * filled by an episode in a playlist or a play), an artist's, and a spoken item's resume point.
 *
 * @module
 */
import type { Artist, Episode, ResumePoint, Track } from "../api/types.ts";
import { millis, minutes, pluck, type Spec } from "./_frame_kit.ts";
import { type ReleaseDate, releaseDate } from "./_api_dates.ts";

/** `read` remembered per object it is given (a track's album, its artists), for one frame. */
export function remembered<K, V>(read: (key: K) => V): (key: K) => V {
  const seen = new WeakMap<object, V>();
  return (key) => {
    if (key === null || typeof key !== "object") return read(key);
    if (seen.has(key)) return seen.get(key)!;
    const value = read(key);
    seen.set(key, value);
    return value;
  };
}

type Dated = { release_date?: unknown; release_date_precision?: unknown } | null | undefined;

/**
 * `release_date` (Date), `release_date_precision`, `release_year`, `release_decade` of the dated
 * object `of` finds in an item.
 */
export function releaseSpecs<T>(of: (item: T) => Dated): Spec<T>[] {
  const parse = remembered<Dated, ReleaseDate | null>(releaseDate);
  const read = (item: T) => parse(of(item));
  return [
    ["release_date", (item) => read(item)?.days],
    ["release_date_precision", (item) => read(item)?.precision],
    ["release_year", (item) => read(item)?.year],
    ["release_decade", (item) => {
      const year = read(item)?.year;
      return year === undefined ? undefined : Math.floor(year / 10) * 10;
    }],
  ];
}

/** `primary_artist`, `primary_artist_id`, `artists`, `artist_ids` of a list of credited artists. */
export function creditSpecs<T>(of: (item: T) => Artist[] | undefined): Spec<T>[] {
  const names = remembered((list: unknown) => pluck(list, "artists", "name"));
  const ids = remembered((list: unknown) => pluck(list, "artists", "id"));
  return [
    ["primary_artist", (item) => names(of(item))?.[0]],
    ["primary_artist_id", (item) => ids(of(item))?.[0]],
    ["artists", (item) => names(of(item))],
    ["artist_ids", (item) => ids(of(item))],
  ];
}

/** `duration_ms` and `duration_min` of an object's `duration_ms`. */
export function durationSpecs<T>(of: (item: T) => { duration_ms?: unknown }): Spec<T>[] {
  return [
    ["duration_ms", (item) => millis(of(item).duration_ms, "duration_ms")],
    ["duration_min", (item) => minutes(of(item).duration_ms, "duration_ms")],
  ];
}

/** `resume_position_ms`, `resume_position_min` and `fully_played` of a `resume_point`. */
export function resumeSpecs<T>(of: (item: T) => ResumePoint | undefined): Spec<T>[] {
  const at = (item: T) => of(item)?.resume_position_ms;
  return [
    ["resume_position_ms", (item) => millis(at(item), "resume_point.resume_position_ms")],
    ["resume_position_min", (item) => minutes(at(item), "resume_point.resume_position_ms")],
    ["fully_played", (item) => of(item)?.fully_played],
  ];
}

/** The columns of an artist, for `artistsFrame` and `topArtistsFrame`. */
export function artistSpecs<T extends Artist>(): Spec<T>[] {
  return [
    ["id", (a) => a.id],
    ["name", (a) => a.name],
    ["popularity", (a) => a.popularity],
    ["followers", (a) => a.followers?.total],
    ["genres", (a) => a.genres],
    ["image_url", (a) => a.images?.[0]?.url],
    ["uri", (a) => a.uri],
  ];
}

/**
 * The columns of a track, for every builder of tracks (tracks, playlist entries, plays, saved and
 * top tracks). An episode (in a playlist) fills what it shares with a track and its own release
 * date. A null track (an unavailable entry) gives nulls.
 */
export function trackSpecs<T>(track: (item: T) => Track | Episode | null | undefined): Spec<T>[] {
  type Either = Track & Episode;
  const of = (item: T) => (track(item) ?? {}) as Either;
  const isEpisode = (item: T) => of(item).type === "episode";
  return [
    ["id", (item) => of(item).id],
    ["name", (item) => of(item).name],
    ...durationSpecs(of),
    ["explicit", (item) => of(item).explicit],
    ["track_number", (item) => of(item).track_number],
    ["disc_number", (item) => of(item).disc_number],
    ["popularity", (item) => of(item).popularity],
    ...creditSpecs((item: T) => of(item).artists),
    // `artists` is known to be a list of objects, or absent, once the credit columns are read.
    ["artist_count", (item) => of(item).artists?.length],
    ["album_id", (item) => of(item).album?.id],
    ["album_name", (item) => of(item).album?.name],
    ["album_type", (item) => of(item).album?.album_type],
    ...releaseSpecs((item: T) => isEpisode(item) ? of(item) : of(item).album),
    ["isrc", (item) => of(item).external_ids?.isrc],
    ["uri", (item) => of(item).uri],
  ];
}
