import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { JUPYTER_DISPLAY } from "./display.ts";
import { table } from "./table.ts";

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
  assert.match(html, /1,000 rows × 1 columns/);
});
