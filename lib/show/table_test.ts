import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import pl from "nodejs-polars";
import { JUPYTER_DISPLAY } from "./display.ts";
import { isPlainNumberColumn, table } from "./table.ts";

Deno.test("table() formats numbers, dates, lists and nulls, and counts rows and columns", () => {
  const df = pl.DataFrame([
    pl.Series("name", ["A <b>", null], pl.Utf8),
    pl.Series("plays", [1234567, 3], pl.Int64),
    pl.Series("minutes", [3.14159, 0.5], pl.Float64),
    pl.Series("artists", [["X", "Y"], []], pl.List(pl.Utf8)),
    pl.Series("day", ["2024-05-01", null], pl.Utf8).str.strptime(pl.Date, "%Y-%m-%d"),
  ]);
  const html = table(df).toHTML();
  assert.match(html, />A &#60;b&#62;</);
  assert.match(html, /text-align:right[^>]*>1,234,567</);
  assert.match(html, />3.14</);
  assert.match(html, />X, Y</);
  assert.match(html, />\[\]</);
  assert.match(html, />2024-05-01</);
  assert.match(html, /color:#8c959f">null</);
  assert.match(html, /2 rows × 5 columns/);
  const bundle = table(df)[JUPYTER_DISPLAY]();
  assert.deepEqual(Object.keys(bundle).sort(), ["text/html", "text/plain"]);
  assert.match(bundle["text/plain"]!, /^name\s+plays/);
});

Deno.test("table() cuts a long table in the middle and says how many rows it hides", () => {
  const df = pl.DataFrame({ i: Array.from({ length: 1000 }, (_, i) => i) });
  const html = table(df, { maxRows: 20 }).toHTML();
  assert.equal((html.match(/<tr>/g) ?? []).length, 1 + 15 + 1 + 5);
  assert.match(html, /… 980 more rows …/);
  assert.match(html, />999</);
  assert.match(html, /1,000 rows × 1 column</);
  const text = table(df, { maxRows: 20 }).toString().split("\n");
  assert.equal(text.length, 1 + 15 + 1 + 5 + 1);
  assert.equal(text[16], "… 980 more rows …");
  assert.equal(text.at(-1), "1,000 rows × 1 column");
});

Deno.test("isPlainNumberColumn() knows years, decades, track numbers, positions, ranks and ids", () => {
  for (
    const name of ["year", "release_year", "decade", "track_number", "disc_number", "position"]
  ) {
    assert.ok(isPlainNumberColumn(name), name);
  }
  for (const name of ["rank", "id", "album.release_year", "added_year", "Year", "hour", "month"]) {
    assert.ok(isPlainNumberColumn(name), name);
  }
  for (const name of ["plays", "duration_ms", "followers", "popularity", "total_tracks", "ms"]) {
    assert.ok(!isPlainNumberColumn(name), name);
  }
});

Deno.test("table() writes years, decades, track numbers and ids without thousands separators", () => {
  const df = pl.DataFrame({
    release_year: [2012],
    decade: [1990],
    track_number: [1001],
    id: [123456789],
    followers: [123456789],
  });
  const html = table(df).toHTML();
  assert.match(html, />2012</);
  assert.match(html, />1990</);
  assert.match(html, />1001</);
  assert.match(html, />123456789</);
  assert.match(html, />123,456,789</);
  assert.doesNotMatch(html, /2,012|1,990|1,001/);
  assert.match(
    table(df).toString(),
    /^release_year\s+decade\s+track_number\s+id\s+followers\n\s+2012\s+1990\s+1001\s+123456789\s+123,456,789$/m,
  );
});

Deno.test("table() shows dates and instants as ISO text in UTC", () => {
  const df = pl.DataFrame([
    pl.Series("day", ["1993-09-09"]).str.strptime(pl.Date, "%Y-%m-%d"),
    pl.Series("played_at", [Date.UTC(2024, 4, 1, 13, 5, 9)], pl.Int64).cast(
      pl.Datetime("ms", "UTC"),
    ),
    pl.Series("midnight", [Date.UTC(2024, 4, 1)], pl.Int64).cast(pl.Datetime("ms")),
  ]);
  const text = table(df).toString();
  assert.match(text, /1993-09-09 {2}/);
  assert.match(text, /2024-05-01 13:05:09 UTC/);
  assert.match(text, /2024-05-01 00:00:00 UTC/);
  assert.doesNotMatch(text, /GMT|Thu|Sep/);
});

Deno.test("table() shows nested values compactly, cut with an ellipsis, on one line", () => {
  const df = pl.readJSON(
    Buffer.from(JSON.stringify([{
      artists: [{ external_urls: { spotify: "u" }, id: "a1", name: "A" }],
      album: { name: "Long\nname " + "x".repeat(200) },
    }])),
  );
  const html = table(df).toHTML();
  assert.match(html, />\[\{name: A, id: a1, external_urls: \{spotify: u\}\}\]</);
  assert.match(html, />\{name: Long name x+…</);
  const text = table(df).toString();
  assert.match(text, /\[\{name: A, id: a1, external_u…/);
  assert.equal(text.split("\n").length, 3);
  for (const line of text.split("\n")) assert.ok(line.length < 80, line);
});

Deno.test("table() aligns text left and numbers right in both forms", () => {
  const df = pl.DataFrame({ name: ["a", "longer"], plays: [5, 12345] });
  assert.match(
    table(df).toHTML(),
    /<th scope="col" style="text-align:left[^>]*>name<\/th><th scope="col" data-type="number" style="text-align:right/,
  );
  assert.equal(
    table(df).toString(),
    "name     plays\na            5\nlonger  12,345\n2 rows × 2 columns",
  );
});

Deno.test("table() text keeps lines short: leading columns that fit, then an ellipsis", () => {
  const wide = pl.DataFrame(
    Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`column_${i}`, ["x".repeat(20)]])),
  );
  const lines = table(wide).toString().split("\n");
  assert.ok(lines.every((line) => line.length <= 200), lines[0]);
  assert.match(lines[0]!, /^column_0 .* {2}…$/);
  assert.equal(lines.at(-1), "1 row × 30 columns");
  assert.match(table(wide).toHTML(), />column_29</);
  const one = table(pl.DataFrame({ i: Array.from({ length: 21 }, (_, i) => i) })).toString();
  assert.match(one, /\n… 1 more row …\n/);
});

/** The rows a table's HTML carries for the page, or `undefined`. */
function carried(html: string): unknown[][] | undefined {
  const json = /<script type="application\/json" class="spotify-table-data">(.*?)<\/script>/s
    .exec(html)?.[1];
  return json === undefined ? undefined : JSON.parse(json);
}

Deno.test("table() headers are column headers, and numeric ones say so for sorting", () => {
  const html = table(pl.DataFrame({ name: ["a"], plays: [5] })).toHTML();
  assert.deepEqual(
    [...html.matchAll(/<th ([^>]*?) style=/g)].map((m) => m[1]),
    ['scope="col"', 'scope="col" data-type="number"'],
  );
});

Deno.test("a cut table carries its rows for the page up to showAll, as inert JSON that cannot end its script", () => {
  const df = pl.DataFrame({
    n: Array.from({ length: 700 }, (_, i) => i * 1000),
    text: Array.from({ length: 700 }, (_, i) => i === 1 ? "</script><b>x" : i % 2 ? "odd" : null),
  });
  const html = table(df).toHTML();
  assert.match(html, /^<div class="spotify-table" data-rows="700" data-max-rows="20" /);
  const rows = carried(html)!;
  assert.equal(rows.length, 500, "the default cap");
  assert.deepEqual(rows.slice(0, 3), [["0", null], ["1,000", "</script><b>x"], ["2,000", null]]);
  assert.equal(html.match(/<\/script>/g)?.length, 1, "the value is escaped inside the JSON");
  assert.equal(carried(table(df, { showAll: 30 }).toHTML())!.length, 30);
  assert.equal(carried(table(df, { showAll: 0 }).toHTML()), undefined);
  assert.equal(carried(table(df.head(20)).toHTML()), undefined, "a whole table carries no copy");
});

Deno.test("a table shown in Jupyter carries the table script after the table", () => {
  const bundle = table(pl.DataFrame({ a: [1] }))[JUPYTER_DISPLAY]();
  assert.match(bundle["text/html"]!, /<\/div><script class="spotify-explore">\(function\(\)\{/);
  assert.match(bundle["text/html"]!, /function enhanceTable\(box\)/);
  assert.equal(bundle["text/plain"], "a\n1\n1 row × 1 column");
});
