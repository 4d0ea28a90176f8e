/**
 * The player, read-only: playback state, devices, what is playing, the queue (recently played is
 * with the user's data). Episodes come back as well as tracks: the client asks for both. Player
 * answers change by the second, so these calls skip the cache unless `fresh: false` is passed.
 *
 * @module
 */
import { type Kit, listUnder, object, one } from "./_endpoint_kit.ts";
import type { SpotifyClient } from "./spotify_client.ts";
import type { CurrentlyPlaying, Device, PlaybackState, Queue } from "./types.ts";

type Methods = "playbackState" | "devices" | "currentlyPlaying" | "queue";

/** Tracks and episodes both, or an episode playing shows as `item: null`. */
const TYPES = "track,episode";

/**
 * The player's methods.
 *
 * @param kit The endpoints' kit.
 * @returns The methods.
 */
export function playerEndpoints(kit: Kit): Pick<SpotifyClient, Methods> {
  /** An object, or `null` for a 204 (nothing playing, no active device). */
  async function state<T>(
    path: string,
    market: string | undefined,
    { fresh = true, signal }: { fresh?: boolean | undefined; signal?: AbortSignal | undefined },
  ): Promise<T | null> {
    const answer = await kit.get(path, { market, additional_types: TYPES }, { fresh, signal });
    return answer === undefined || answer === null ? null : object<T>(answer, path, kit.basePath);
  }

  return {
    playbackState: async ({ market, ...options } = {}) =>
      await state<PlaybackState>("/me/player", market, options),
    devices: async ({ fresh = true, signal } = {}) =>
      await listUnder<Device>(kit, "/me/player/devices", "devices", {}, { fresh, signal }),
    currentlyPlaying: async ({ market, ...options } = {}) =>
      await state<CurrentlyPlaying>("/me/player/currently-playing", market, options),
    queue: async ({ fresh = true, signal } = {}) =>
      await one<Queue>(kit, "/me/player/queue", {}, { fresh, signal }),
  };
}
