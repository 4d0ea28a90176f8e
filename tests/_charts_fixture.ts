/**
 * One chart of each type the notebooks draw, from seeded data: the subject of the snapshot tests,
 * the PNG test and the browser check.
 *
 * @module
 */
import {
  boxPlot,
  type Chart,
  heatmap,
  histogram,
  type Note,
  rankedBars,
  releaseTimeline,
  scatter,
  stackedBars,
  timeBars,
} from "../lib/mod.ts";
import { mulberry32 } from "../emulator/testing.ts";

const ARTISTS = ["The Gilded Foxes", "Tova Calloway", "The Quiet Harbors", "Soren Quill"];
const TYPES = ["album", "single", "compilation"];
const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const ADDERS = ["ana", "bo", "chidi", "dara"];
const KINDS = ["track", "episode", "audiobook"];

/** Seeded rows: releases, tracks, plays and playlist entries. */
export function sampleRows() {
  const r = mulberry32(7);
  const releases = Array.from({ length: 40 }, (_, i) => ({
    primary_artist: ARTISTS[i % 4]!,
    album_type: TYPES[Math.floor(r() * r() * 3)]!,
    release_date: new Date(Date.UTC(1995 + Math.floor(r() * 30), Math.floor(r() * 12), 1)),
  }));
  const tracks = Array.from({ length: 300 }, (_, i) => ({
    name: `Track ${i}`,
    primary_artist: ARTISTS[i % 4]!,
    duration_min: 2 + r() * 3 + (i % 4) * 0.6,
    explicit: r() < 0.2 ? "explicit" : "clean",
    popularity: Math.floor(r() * 100),
  }));
  const plays = Array.from({ length: 400 }, () => ({
    hour: Math.floor(r() * r() * 24),
    weekday: DAYS[Math.floor(r() * 7)]!,
  }));
  const entries = Array.from({ length: 120 }, () => ({
    added_at: new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * r() * 730) * 86_400_000),
    added_by: ADDERS[Math.floor(r() * r() * 4)]!,
  }));
  // Drawn after the others, so that their rows stay as they were.
  const listening = Array.from({ length: 240 }, () => ({
    played_at: new Date(Date.UTC(2025, 0, 1) + Math.floor(r() * 365) * 86_400_000),
    kind: KINDS[Math.floor(r() * r() * 3)]!,
  }));
  const months = ["2025-09", "2025-10", "2025-11", "2025-12"].flatMap((month, i) =>
    Array.from({ length: (i % 3) + 1 }, () => ({ month }))
  );
  return { releases, tracks, plays, entries, listening, months };
}

/** Every chart type, named. */
export function sampleCharts(): Record<string, Chart | Note> {
  const { releases, tracks, plays, entries, listening, months } = sampleRows();
  const decades = releases.map((row) => ({
    ...row,
    release_decade: Math.floor(row.release_date.getUTCFullYear() / 10) * 10,
  }));
  return {
    timeline: releaseTimeline(releases, { title: "Releases over time", caption: "Seeded sample." }),
    histogram: histogram(tracks, {
      x: "duration_min",
      fill: "explicit",
      title: "Track lengths",
      label: "minutes",
    }),
    box: boxPlot(tracks, {
      x: "duration_min",
      y: "primary_artist",
      title: "Track lengths per artist",
    }),
    stacked: stackedBars(releases, {
      y: "primary_artist",
      fill: "album_type",
      title: "Release types",
      percent: true,
    }),
    ranked: rankedBars(tracks, {
      y: "primary_artist",
      x: "duration_min",
      title: "Minutes per artist",
    }),
    counted: rankedBars(entries, { y: "added_by", title: "Who added the tracks" }),
    timebars: timeBars(entries, { x: "added_at", title: "Tracks added per month" }),
    heatmap: heatmap(plays, { title: "Plays by hour and weekday", label: "plays" }),
    scatter: scatter(tracks.slice(0, 40), {
      x: "duration_min",
      y: "popularity",
      text: "name",
      labels: 5,
      title: "Popularity against length",
    }),
    shares: timeBars(listening, {
      x: "played_at",
      fill: "kind",
      percent: true,
      title: "Music, podcasts and audiobooks: their share of each month's plays",
    }),
    months: rankedBars(months, {
      y: "month",
      title: "Playlists made per month",
      label: "playlists",
    }),
    decades: stackedBars(decades, {
      y: "release_decade",
      fill: "album_type",
      title: "Releases per decade",
    }),
  };
}
