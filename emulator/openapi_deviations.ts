/**
 * Where the emulator knowingly differs from Spotify's OpenAPI description
 * (`data/openapi/spotify-openapi.yml`), because the live API of 2026 does: the one table of such
 * deviations, each with the section of `spotify-web-api.md` that documents it and the change to the
 * description that admits it. `openapi_conformance_test.ts` validates with these changes applied
 * and checks that each one is still needed.
 *
 * @module
 */
import type { EmulatorMode } from "./objects.ts";
import type { OpenApi } from "./_openapi.ts";

/** One documented difference between the live API and the OpenAPI file. */
export interface Deviation {
  /** The section of `spotify-web-api.md` that documents it. */
  doc: string;
  /** What differs, one sentence. */
  what: string;
  /** The modes it concerns. */
  modes: EmulatorMode[];
  /** Changes the (copied) description so that it admits the deviation. */
  patch(spec: OpenApi): void;
}

const schema = (spec: OpenApi, name: string): OpenApi => spec.components.schemas[name];
const unrequire = (node: OpenApi, ...keys: string[]) => {
  node.required = (node.required ?? []).filter((k: string) => !keys.includes(k));
};
const addProperties = (node: OpenApi, properties: Record<string, unknown>) => {
  node.properties = { ...node.properties, ...properties };
};
const errorResponse = (error: OpenApi) => ({
  description: "An error",
  content: {
    "application/json": {
      schema: { type: "object", required: ["error"], properties: { error } },
    },
  },
});
const operations = (spec: OpenApi): OpenApi[] =>
  Object.values(spec.paths).flatMap((item: OpenApi) => item.get ? [item.get] : []);

/** The deviations, each with its section of `spotify-web-api.md`. */
export const DEVIATIONS: Deviation[] = [
  {
    doc: "§3.3",
    what: "Development Mode strips album fields the file requires: available_markets, label, " +
      "popularity, album_group",
    modes: ["development"],
    patch(spec) {
      unrequire(schema(spec, "AlbumBase"), "available_markets");
      unrequire(schema(spec, "AlbumObject"), "label", "popularity");
      unrequire(schema(spec, "ArtistDiscographyAlbumObject").allOf[1], "album_group");
    },
  },
  {
    doc: "§3.3",
    what: "Development Mode strips show and audiobook fields the file requires: " +
      "available_markets, publisher",
    modes: ["development"],
    patch(spec) {
      unrequire(schema(spec, "ShowBase"), "available_markets", "publisher");
      unrequire(schema(spec, "AudiobookBase"), "available_markets", "publisher");
    },
  },
  {
    doc: "§4 (Album simplified: is_playable)",
    what: "With a market, albums carry is_playable (a field the file lacks) instead of " +
      "available_markets",
    modes: ["development", "extended"],
    patch(spec) {
      unrequire(schema(spec, "AlbumBase"), "available_markets");
      addProperties(schema(spec, "AlbumBase"), { is_playable: { type: "boolean" } });
    },
  },
  {
    doc: "§4 (Playlist, PlaylistTrack, Track: undoc)",
    what: "Playlists and playlist entries carry primary_color and video_thumbnail, and tracks in " +
      "playlist entries the booleans episode and track, which the file does not describe",
    modes: ["development", "extended"],
    patch(spec) {
      const color = { type: "string", nullable: true };
      addProperties(schema(spec, "PlaylistObject"), { primary_color: color });
      addProperties(schema(spec, "SimplifiedPlaylistObject"), { primary_color: color });
      addProperties(schema(spec, "PlaylistTrackObject"), {
        primary_color: color,
        video_thumbnail: {
          type: "object",
          properties: { url: { type: "string", nullable: true } },
        },
      });
      addProperties(schema(spec, "TrackObject"), {
        episode: { type: "boolean" },
        track: { type: "boolean" },
      });
    },
  },
  {
    doc: "§2.5 (cursor paging), §4 (PlayHistory)",
    what: "Recently played: next is null on the last page, cursors null on an empty page, and " +
      "context null for plays outside a context; the file allows none of these nulls",
    modes: ["development", "extended"],
    patch(spec) {
      const cursor = schema(spec, "CursorPagingObject").properties;
      cursor.next.nullable = true;
      cursor.cursors.nullable = true;
      schema(spec, "PlayHistoryObject").properties.context.nullable = true;
    },
  },
  {
    doc: "§2.1, §3.5",
    what: 'Audio features and analysis answer 403 with no message ({"error":{"status":403}}); ' +
      "the file's error object requires one",
    modes: ["development", "extended"],
    patch(spec) {
      const bare = errorResponse({
        type: "object",
        required: ["status"],
        properties: { status: { type: "integer" } },
      });
      for (const path of ["/audio-features", "/audio-features/{id}", "/audio-analysis/{id}"]) {
        spec.paths[path].get.responses["403"] = bare;
      }
    },
  },
  {
    doc: "§2.1, §3.5",
    what: "Any operation may answer 400 (bad limit, id or market) and 404 (unknown id; the 2024 " +
      "removals) with the regular error object; the file declares them for few operations",
    modes: ["development", "extended"],
    patch(spec) {
      for (const operation of operations(spec)) {
        operation.responses["400"] ??= { $ref: "#/components/responses/BadRequest" };
        operation.responses["404"] ??= { $ref: "#/components/responses/NotFound" };
      }
    },
  },
];

/**
 * A copy of the description with the deviations of one mode applied.
 *
 * @param spec The description (not changed).
 * @param mode The mode.
 * @param skip The index of a deviation to leave out.
 * @returns The patched copy.
 */
export function patched(spec: OpenApi, mode: EmulatorMode, skip?: number): OpenApi {
  const copy = structuredClone(spec);
  DEVIATIONS.forEach((d, i) => {
    if (i !== skip && d.modes.includes(mode)) d.patch(copy);
  });
  return copy;
}
