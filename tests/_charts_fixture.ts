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
} from "../lib/mod.ts";
import { mulberry32 } from "../emulator/mod.ts";

const ARTISTS = ["The Gilded Foxes", "Tova Calloway", "The Quiet Harbors", "Soren Quill"];
const TYPES = ["album", "single", "compilation"];
const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Seeded rows: releases, tracks and plays. */
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
  return { releases, tracks, plays };
}

/** Every chart type, named. */
export function sampleCharts(): Record<string, Chart | Note> {
  const { releases, tracks, plays } = sampleRows();
  return {
    timeline: releaseTimeline(releases, { title: "Releases over time", caption: "Seeded sample." }),
    histogram: histogram(tracks, "duration_min", {
      title: "Track lengths",
      label: "minutes",
      fill: "explicit",
    }),
    box: boxPlot(tracks, "duration_min", "primary_artist", { title: "Track lengths per artist" }),
    stacked: stackedBars(releases, "primary_artist", "album_type", {
      title: "Release types",
      percent: true,
    }),
    ranked: rankedBars(tracks, "primary_artist", "duration_min", { title: "Minutes per artist" }),
    heatmap: heatmap(plays, "hour", "weekday", {
      title: "Plays by hour and weekday",
      xDomain: Array.from({ length: 24 }, (_, h) => h),
      yDomain: DAYS,
      label: "plays",
    }),
    scatter: scatter(tracks.slice(0, 40), "duration_min", "popularity", {
      title: "Popularity against length",
      label: "name",
      labels: 5,
    }),
  };
}
