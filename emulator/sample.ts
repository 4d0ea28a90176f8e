/**
 * The bundled sample catalog and the credentials the offline emulator accepts. These credentials
 * are public: they open nothing but the local emulator.
 *
 * @module
 */
import type { Catalog } from "./catalog_types.ts";

/** The client id the offline emulator accepts by default. */
export const SAMPLE_CLIENT_ID = "0ff11ne5a3c0e1f9b7d4e2a8c6b0d1e3";
/** The client secret the offline emulator accepts by default. */
export const SAMPLE_CLIENT_SECRET = "5a3913e0ff11ne0000000000000000c0";

let cached: Catalog | undefined;

/**
 * Read `data/sample/catalog.json` once.
 *
 * @returns The parsed sample catalog.
 */
export function loadSampleCatalog(): Catalog {
  cached ??= JSON.parse(
    Deno.readTextFileSync(new URL("../data/sample/catalog.json", import.meta.url)),
  ) as Catalog;
  return cached;
}
