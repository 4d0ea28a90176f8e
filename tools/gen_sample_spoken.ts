/**
 * The spoken-word part of the sample catalog: three fictional podcast shows with their episodes,
 * two audiobooks with chapters, the sample listener's library of them (saved shows, episodes and
 * audiobooks, where they stopped listening, followed users) and their player (devices, what plays,
 * the queue). Drawn from its own seeded stream, after the music, so the music bytes never move.
 * Used by `gen_sample.ts`.
 *
 * @module
 */
import type {
  Catalog,
  CatalogAudiobook,
  CatalogEpisode,
  CatalogLibrary,
  CatalogPlayer,
  CatalogShow,
} from "../emulator/mod.ts";
import { type SampleRandom, sampleRandom } from "./_sample_random.ts";

/** The keys of the spoken-word part. */
export type SpokenWordKeys = "shows" | "audiobooks" | "library" | "player";
/** The catalog without its spoken-word part. */
export type MusicCatalog = Omit<Catalog, SpokenWordKeys>;

const DAY = 24 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, "0");
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoSecond = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** A show to draw: its facts, and how its episodes come. */
interface ShowPlan extends
  Pick<
    CatalogShow,
    "name" | "publisher" | "description" | "languages" | "media_type" | "explicit"
  > {
  episodes: number;
  /** Days between episodes: a fixed rhythm, or a range for irregular shows. */
  every: [number, number];
  /** Minutes: mean and spread. */
  minutes: [number, number];
  topics: string[];
  /** Episodes (from the oldest) whose date is known to the month only. */
  monthPrecision: number;
}

const SHOWS: ShowPlan[] = [
  {
    name: "The Gilded Hour",
    publisher: "Copper Lantern Media",
    description: "Weekly long conversations with invented musicians about how records get made.",
    languages: ["en"],
    media_type: "audio",
    explicit: false,
    episodes: 40,
    every: [7, 7],
    minutes: [55, 10],
    topics: ["touring", "first records", "studio accidents", "lyrics", "band breakups", "covers"],
    monthPrecision: 0,
  },
  {
    name: "Paper Orbit Daily",
    publisher: "Paper Orbit",
    description: "Ten minutes of fictional music news every weekday morning.",
    languages: ["en-GB"],
    media_type: "audio",
    explicit: false,
    episodes: 30,
    every: [1, 3],
    minutes: [11, 2],
    topics: ["charts", "new releases", "festival line-ups", "reissues", "streaming numbers"],
    monthPrecision: 0,
  },
  {
    name: "Saltwater Signals",
    publisher: "Fictional Radio Collective",
    description: "An irregular, loud, late-night radio show recorded by the harbour.",
    languages: ["sv", "en"],
    media_type: "mixed",
    explicit: true,
    episodes: 14,
    every: [18, 45],
    minutes: [32, 8],
    topics: ["field recordings", "night buses", "old cassettes", "live sets", "listener mail"],
    monthPrecision: 3,
  },
];

const AUDIOBOOKS: {
  name: string;
  authors: string[];
  narrators: string[];
  publisher: string;
  edition: string;
  description: string;
  chapters: number;
  minutes: [number, number];
}[] = [
  {
    name: "The Copper Orchard",
    authors: ["Ilse Marsh"],
    narrators: ["Remy Okafor"],
    publisher: "Wandering Comet Audio",
    edition: "Unabridged",
    description: "A fictional novel about a family orchard, a lost record and one long summer.",
    chapters: 12,
    minutes: [28, 8],
  },
  {
    name: "Signals Over Harbors",
    authors: ["Tariq Lindqvist"],
    narrators: ["Nell Castell", "Bram Ivers"],
    publisher: "Wandering Comet Audio",
    edition: "Abridged",
    description: "Invented essays on radio, sailors and the songs they carried.",
    chapters: 8,
    minutes: [22, 6],
  },
];
const AUDIOBOOK_MARKETS = ["AU", "CA", "GB", "US"];

const DEVICES = [
  ["Sample Listener's phone", "Smartphone", true, 64],
  ["Kitchen speaker", "Speaker", false, 35],
  ["Work laptop", "Computer", false, 100],
] as const;

/**
 * The spoken-word part for a seed.
 *
 * @param seed The second stream's seed.
 * @param music The music part (its `now`, markets, listener, playlists and tracks are used).
 * @param usedIds Ids the music took; new ids avoid them.
 * @returns The new top-level keys.
 */
export function generateSpokenWord(
  seed: number,
  music: MusicCatalog,
  usedIds: Set<string>,
): Pick<Catalog, SpokenWordKeys> {
  const r = sampleRandom(seed, new Set(usedIds));
  const now = Date.parse(music.now);
  const shows = SHOWS.map((plan) => show(r, plan, now, music.markets));
  const audiobooks = AUDIOBOOKS.map((plan): CatalogAudiobook => {
    const year = r.int(2019, 2025);
    return {
      id: r.id(),
      name: plan.name,
      authors: plan.authors,
      narrators: plan.narrators,
      publisher: plan.publisher,
      description: plan.description,
      edition: plan.edition,
      languages: ["en"],
      explicit: false,
      release_date: `${year}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`,
      images: r.images("show"),
      copyrights: [{ text: `© ${year} ${plan.publisher}`, type: "C" }],
      available_markets: AUDIOBOOK_MARKETS,
      chapters: Array.from({ length: plan.chapters }, (_, k) => ({
        id: r.id(),
        name: k === 0 ? "Opening Credits" : `Chapter ${k}`,
        description: `${plan.name}, chapter ${k}.`,
        chapter_number: k,
        duration_ms: minutes(r, plan.minutes),
      })),
    };
  });
  return {
    shows,
    audiobooks,
    library: library(r, shows, audiobooks, now),
    player: player(r, music, shows),
  };
}

function minutes(r: SampleRandom, [mean, sd]: [number, number]): number {
  return Math.round(Math.max(2, mean + r.normal() * sd) * 60_000) + r.int(0, 999);
}

function show(r: SampleRandom, plan: ShowPlan, now: number, markets: string[]): CatalogShow {
  const id = r.id();
  const images = r.images("show");
  const dates: number[] = [];
  let at = now - r.int(1, 3) * DAY;
  for (let k = 0; k < plan.episodes; k++) {
    dates.push(at);
    at -= r.int(plan.every[0], plan.every[1]) * DAY;
  }
  const episodes = dates.map((date, k): CatalogEpisode => {
    const number = plan.episodes - k;
    const topic = r.pick(plan.topics);
    const day = isoDay(date);
    const monthOnly = number <= plan.monthPrecision;
    return {
      id: r.id(),
      name: `${number}. On ${topic}`,
      description: `${plan.name}, episode ${number}: ${topic}.`,
      duration_ms: minutes(r, plan.minutes),
      explicit: plan.explicit && r.chance(0.5),
      release_date: monthOnly ? day.slice(0, 7) : day,
      release_date_precision: monthOnly ? "month" : "day",
    };
  });
  return {
    id,
    name: plan.name,
    publisher: plan.publisher,
    description: plan.description,
    languages: plan.languages,
    media_type: plan.media_type,
    explicit: plan.explicit,
    images,
    copyrights: [],
    available_markets: markets,
    episodes,
  };
}

function library(
  r: SampleRandom,
  shows: CatalogShow[],
  audiobooks: CatalogAudiobook[],
  now: number,
): CatalogLibrary {
  const saved = [shows[0]!, shows[2]!];
  const episodes = [
    ...saved.flatMap((s) => s.episodes.slice(0, 12)),
    ...shows[1]!.episodes.slice(0, 4),
  ];
  const savedEpisodes = r.shuffle(episodes).slice(0, 8);
  const book = audiobooks[0]!;
  return {
    saved_shows: saved.map((s, k) => ({
      show_id: s.id,
      added_at: isoSecond(now - (k * 140 + r.int(20, 120)) * DAY),
    })),
    saved_episodes: savedEpisodes.map((e, k) => ({
      episode_id: e.id,
      added_at: isoSecond(now - (k * 9 + r.int(0, 8)) * DAY - r.int(0, 23) * 3_600_000),
    })),
    saved_audiobooks: [{ audiobook_id: book.id, added_at: isoSecond(now - 61 * DAY) }],
    resume_points: [
      ...episodes.slice(0, 10).map((e, k) => ({
        id: e.id,
        resume_position_ms: k < 6 ? 0 : Math.floor(e.duration_ms * r.next()),
        fully_played: k < 6,
      })),
      ...book.chapters.slice(0, 5).map((c, k) => ({
        id: c.id,
        resume_position_ms: k < 4 ? 0 : Math.floor(c.duration_ms / 3),
        fully_played: k < 4,
      })),
    ],
    followed_users: ["fictional.curator"],
  };
}

function player(r: SampleRandom, music: MusicCatalog, shows: CatalogShow[]): CatalogPlayer {
  const playlist = music.playlists.find((p) => p.owner_id === music.user.id)!;
  const duration = new Map(
    music.albums.flatMap((a) => a.tracks.map((t) => [t.id, t.duration_ms] as const)),
  );
  const playing = r.pick(playlist.items).track_id;
  const queued = Array.from({ length: 7 }, () => r.pick(playlist.items).track_id);
  const queue: CatalogPlayer["queue"] = queued.map((id) => ({ type: "track", id }));
  queue.splice(3, 0, { type: "episode", id: shows[0]!.episodes[0]!.id });
  queue.push({ type: "episode", id: shows[1]!.episodes[0]!.id });
  return {
    devices: DEVICES.map(([name, type, active, volume]) => ({
      id: r.hex(40),
      name,
      type,
      is_active: active,
      is_private_session: false,
      is_restricted: false,
      volume_percent: volume,
      supports_volume: type !== "Smartphone",
    })),
    is_playing: true,
    progress_ms: Math.floor(duration.get(playing)! * r.next()),
    shuffle_state: false,
    repeat_state: "off",
    context_playlist: playlist.id,
    item: { type: "track", id: playing },
    queue,
  };
}
