/**
 * `deno run -A tools/columns.ts` writes the README's table of every frame builder's columns and
 * types, between the markers `<!-- columns:start -->` and `<!-- columns:end -->`, from the code:
 * each builder is called on no items (its columns and types are there even then), the privacy
 * export reader on the sample export, and each column's meaning comes from `COLUMNS`.
 * `--check` writes nothing and exits 1 when the README is out of date.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import {
  albumsFrame,
  artistsFrame,
  audiobooksFrame,
  chaptersFrame,
  COLUMNS,
  dtypeName,
  episodesFrame,
  type pl,
  playlistItemsFrame,
  playlistsFrame,
  playsFrame,
  readStreamingHistory,
  savedTracksFrame,
  sessionsFrame,
  showsFrame,
  topArtistsFrame,
  topTracksFrame,
  trackArtistsFrame,
  tracksFrame,
} from "../lib/mod.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const START = "<!-- columns:start -->";
const END = "<!-- columns:end -->";

/** A frame builder: its name, what one row is, and its frame of no items. */
export interface Builder {
  builder: string;
  rowPer: string;
  empty: () => pl.DataFrame | Promise<pl.DataFrame>;
}

/** Every frame builder of `lib/mod.ts`, in the README's order. */
export const BUILDERS: readonly Builder[] = [
  { builder: "artistsFrame", rowPer: "artist", empty: () => artistsFrame([]) },
  { builder: "albumsFrame", rowPer: "album", empty: () => albumsFrame([]) },
  { builder: "tracksFrame", rowPer: "track", empty: () => tracksFrame([]) },
  { builder: "trackArtistsFrame", rowPer: "(track, artist)", empty: () => trackArtistsFrame([]) },
  { builder: "playlistsFrame", rowPer: "playlist", empty: () => playlistsFrame([]) },
  { builder: "playlistItemsFrame", rowPer: "playlist entry", empty: () => playlistItemsFrame([]) },
  { builder: "playsFrame", rowPer: "recent play", empty: () => playsFrame([]) },
  { builder: "savedTracksFrame", rowPer: "saved track", empty: () => savedTracksFrame([]) },
  { builder: "topTracksFrame", rowPer: "(time range, track)", empty: () => topTracksFrame([]) },
  { builder: "topArtistsFrame", rowPer: "(time range, artist)", empty: () => topArtistsFrame([]) },
  { builder: "showsFrame", rowPer: "show", empty: () => showsFrame([]) },
  { builder: "episodesFrame", rowPer: "episode", empty: () => episodesFrame([]) },
  { builder: "audiobooksFrame", rowPer: "audiobook", empty: () => audiobooksFrame([]) },
  { builder: "chaptersFrame", rowPer: "chapter", empty: () => chaptersFrame([]) },
  { builder: "sessionsFrame", rowPer: "listening session", empty: () => sessionsFrame([]) },
  {
    builder: "readStreamingHistory",
    rowPer: "play in your privacy export",
    empty: () => readStreamingHistory(`${ROOT}data/sample/export`, { timeZone: "UTC" }),
  },
];

/** A builder's columns with their types, as its frame has them. */
export interface Schema {
  builder: string;
  rowPer: string;
  columns: { name: string; dtype: string }[];
}

/**
 * Every builder's columns and types, read off the frames the code makes.
 *
 * @returns One schema per builder.
 */
export async function schemas(): Promise<Schema[]> {
  return await Promise.all(BUILDERS.map(async ({ builder, rowPer, empty }) => {
    const df = await empty();
    const columns = df.columns.map((name, i) => ({ name, dtype: dtypeName(df.dtypes[i]!) }));
    return { builder, rowPer, columns };
  }));
}

/**
 * The README section: each builder's columns in order (a run of `tracksFrame`'s or
 * `artistsFrame`'s columns written as such), then a table of every column's type and meaning.
 *
 * @param all Every builder's schema.
 * @returns Markdown, between (and including) the markers.
 * @throws {Error} When a column is not in `COLUMNS`.
 */
export function columnsSection(all: readonly Schema[]): string {
  const tracks = all.find((s) => s.builder === "tracksFrame")!.columns.map((c) => c.name);
  const artists = all.find((s) => s.builder === "artistsFrame")!.columns.map((c) => c.name);
  const builders = all.map(({ builder, rowPer, columns }) => {
    let names = columns.map((c) => `\`${c.name}\``).join(", ");
    for (const [group, shared] of [["tracksFrame", tracks], ["artistsFrame", artists]] as const) {
      const run = shared.map((c) => `\`${c}\``).join(", ");
      if (builder !== group) names = names.replace(run, `the columns of \`${group}\``);
    }
    return `- \`${builder}\`, one row per ${rowPer}: ${names}`;
  });
  const used = new Set(all.flatMap((s) => s.columns.map((c) => c.name)));
  const known = Object.keys(COLUMNS);
  const seen = [
    ...known.filter((name) => used.has(name)),
    ...[...used].filter((name) => !known.includes(name)),
  ];
  const glossary = seen.map((name) => {
    const info = (COLUMNS as Record<string, { dtype: pl.DataType; about: string }>)[name];
    if (info === undefined) {
      throw new Error(`Column "${name}" is not in COLUMNS: describe it there`);
    }
    return `| \`${name}\` | ${dtypeName(info.dtype)} | ${info.about} |`;
  });
  return [
    START,
    "<!-- Generated by `deno run -A tools/columns.ts` from the code: do not edit by hand. -->",
    "",
    ...builders,
    "",
    "| column | type | what it holds |",
    "| --- | --- | --- |",
    ...glossary,
    END,
  ].join("\n");
}

/**
 * Markdown as `deno fmt` writes it (with the project's settings), so the README stays formatted.
 *
 * @param markdown The text.
 * @returns The formatted text.
 * @throws {Error} When `deno fmt` fails.
 */
export async function formatMarkdown(markdown: string): Promise<string> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--ext", "md", "-"],
    cwd: ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(markdown));
  await writer.close();
  const { success, stdout, stderr } = await child.output();
  if (!success) throw new Error(`Cannot format the README: ${new TextDecoder().decode(stderr)}`);
  return new TextDecoder().decode(stdout);
}

/**
 * The README with its columns section replaced.
 *
 * @param readme The README's text.
 * @param section The new section.
 * @returns The new text.
 * @throws {Error} When the README has no markers.
 */
export function withSection(readme: string, section: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(
      `Cannot find "${START}" and "${END}" in README.md: put them where the table goes`,
    );
  }
  return readme.slice(0, start) + section + readme.slice(end + END.length);
}

if (import.meta.main) {
  const path = `${ROOT}README.md`;
  const readme = await Deno.readTextFile(path);
  const next = await formatMarkdown(withSection(readme, columnsSection(await schemas())));
  if (Deno.args.includes("--check")) {
    if (next !== readme) {
      console.error("README.md's column table is out of date: run deno run -A tools/columns.ts");
      Deno.exit(1);
    }
  } else if (next !== readme) {
    await Deno.writeTextFile(path, next);
    console.log("README.md: column table written");
  } else {
    console.log("README.md: column table already up to date");
  }
}
