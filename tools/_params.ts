/**
 * Notebook parameters, papermill's way: the cell tagged `parameters` declares them
 * (`const NAME = value;`, or `let`, `var`, several names per statement, values over several lines),
 * and `deno task render NAME --param NAME=VALUE` runs the
 * notebook with a cell injected after it that declares the new values. Values are checked against
 * the names and the types the parameters cell gives them.
 *
 * @module
 */
import { type Declaration, type ParamType, readDeclarations } from "./_param_declarations.ts";

export type { ParamType };

/** One parameter of a notebook. */
export interface Param {
  name: string;
  type: ParamType;
  /** Whether `null` is allowed (`string | null`, or a `null` default). */
  nullable: boolean;
  /** Whether the declaration ends in `as const` (kept on the injected value). */
  asConst: boolean;
  /** How the parameters cell declares it; the injected cell declares the new value the same way. */
  keyword: Declaration["keyword"];
}

/** A notebook file, as far as parameters go. */
export interface NotebookJson {
  cells: { cell_type: string; source: string | string[]; metadata?: { tags?: string[] } }[];
}

/**
 * A notebook's parameters, by name, and what its messages need to be true: whether it has a cell
 * tagged `parameters` at all, and the names that cell declares with a type `--param` cannot write.
 */
export class NotebookParams extends Map<string, Param> {
  /** Whether the notebook has a cell tagged `parameters`. */
  readonly tagged: boolean;
  /** Names the cell declares whose type is none `--param` can write (an object, say). */
  readonly unsettable: readonly string[];

  /**
   * @param tagged Whether the notebook has a cell tagged `parameters`.
   * @param declarations What that cell declares.
   */
  constructor(tagged: boolean, declarations: readonly Declaration[] = []) {
    super();
    this.tagged = tagged;
    const unsettable: string[] = [];
    for (const { name, type, nullable, asConst, keyword } of declarations) {
      if (type === undefined) unsettable.push(name);
      else this.set(name, { name, type, nullable, asConst, keyword });
    }
    this.unsettable = unsettable.filter((name) => !this.has(name));
  }
}

function typeOf(value: unknown): ParamType | "null" | undefined {
  if (value === null) return "null";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return typeof value as ParamType;
  }
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === "string")) return "string[]";
    if (value.every((v) => typeof v === "number")) return "number[]";
  }
  return undefined;
}

/** Whether a value is, or holds, a number JSON cannot carry (`1e999` parses to Infinity). */
function notFinite(value: unknown): boolean {
  return [value].flat().some((v) => typeof v === "number" && !Number.isFinite(v));
}

/**
 * A text from the command line, quoted on one line for a message: JSON's escapes, plus the
 * control and line-separator characters JSON leaves as they are, and at most `max` characters.
 *
 * @param text Any text.
 * @param max The most characters kept before an ellipsis.
 * @returns The text in double quotes, one line.
 *
 * @example Quote a name with a line break in it
 * ```ts
 * import assert from "node:assert/strict";
 * import { quoteArg } from "./_params.ts";
 *
 * assert.equal(quoteArg("A\nB\u2028C\u009b"), '"A\\nB\\u2028C\\u009b"');
 * ```
 */
export function quoteArg(text: string, max = 80): string {
  const short = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(short).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * The parameters a notebook declares in its first cell tagged `parameters`: every top-level
 * `const`, `let` or `var` name, several per statement and values over several lines included.
 *
 * @param notebook The notebook file.
 * @returns Its parameters, by name; empty when it has no such cell.
 *
 * @example A `let`, two names in one statement, and a list `deno fmt` wrapped
 * ```ts
 * import assert from "node:assert/strict";
 * import { notebookParams } from "./_params.ts";
 *
 * const source = 'let X = 1;\nconst A = "a", B = false;\nconst L = [\n  "A",\n  "B",\n];';
 * const params = notebookParams({ cells: [{ cell_type: "code", metadata: { tags: ["parameters"] }, source }] });
 * assert.deepEqual([...params.keys()], ["X", "A", "B", "L"]);
 * assert.equal(params.get("L")?.type, "string[]");
 * assert.equal(notebookParams({ cells: [] }).tagged, false);
 * ```
 */
export function notebookParams(notebook: NotebookJson): NotebookParams {
  const cell = notebook.cells.find((c) => c.metadata?.tags?.includes("parameters"));
  if (cell === undefined) return new NotebookParams(false);
  return new NotebookParams(true, readDeclarations([cell.source].flat().join("")));
}

/**
 * Check `NAME=VALUE` arguments against a notebook's parameters. A value is JSON (`true`, `3`,
 * `["a", "b"]`, `"text"`); for a text parameter, bare text is taken as is. A number must be finite
 * (`1e999` is refused: JSON would write it as `null`).
 *
 * @param params The notebook's parameters.
 * @param args `NAME=VALUE` strings.
 * @param notebook The notebook's name, for messages.
 * @returns The values, in the order the notebook declares them (so that the same values given in
 * another order make the same page).
 * @throws {TypeError} With one sentence, on an unknown name, a name given twice, or a value of the
 * wrong type.
 *
 * @example Values come back in the notebook's order
 * ```ts
 * import assert from "node:assert/strict";
 * import { notebookParams, parseParams } from "./_params.ts";
 *
 * const params = notebookParams({
 *   cells: [{ cell_type: "code", metadata: { tags: ["parameters"] }, source: "const A = 1;\nconst B = true;" }],
 * });
 * const values = parseParams(params, ["B=false", "A=2"], "99_example");
 * assert.deepEqual(values.map(([p, v]) => [p.name, v]), [["A", 2], ["B", false]]);
 * assert.throws(() => parseParams(params, ["A=1e999"], "99_example"), /is not a finite number/);
 * ```
 */
export function parseParams(
  params: NotebookParams,
  args: string[],
  notebook: string,
): [Param, unknown][] {
  const given = new Map<string, unknown>();
  for (const arg of args) {
    const [param, value] = parseParam(params, arg, notebook);
    if (given.has(param.name)) {
      throw new TypeError(`Give ${param.name} once: --param ${param.name}=... appears twice`);
    }
    given.set(param.name, value);
  }
  return [...params.values()].filter((p) => given.has(p.name)).map((p) => [p, given.get(p.name)]);
}

/** Why a name is not a parameter, true of the notebook whatever its parameters cell holds. */
function notAParam(params: NotebookParams, name: string, notebook: string): TypeError {
  const them = (names: readonly string[]) => names.join(", ");
  if (params.unsettable.includes(name)) {
    return new TypeError(
      `Cannot set ${quoteArg(name)} for ${notebook} from the command line: its cell tagged ` +
        `"parameters" gives it a type --param cannot write (text, a number, true or false, null, ` +
        `or a list of texts or of numbers)`,
    );
  }
  let why = `it has no cell tagged "parameters"`;
  if (params.size > 0) why = `its parameters are ${them([...params.keys()])}`;
  else if (params.unsettable.length > 0) {
    why = `its cell tagged "parameters" declares only ${
      them(params.unsettable)
    }, of types --param cannot write`;
  } else if (params.tagged) why = `its cell tagged "parameters" declares no const, let or var`;
  return new TypeError(`Unknown parameter ${quoteArg(name)} for ${notebook}: ${why}`);
}

function parseParam(params: NotebookParams, arg: string, notebook: string): [Param, unknown] {
  const at = arg.indexOf("=");
  const name = at < 0 ? arg : arg.slice(0, at);
  const param = params.get(name);
  if (param === undefined) throw notAParam(params, name, notebook);
  if (at < 0) throw new TypeError(`Missing a value: write --param '${name}=VALUE'`);
  const text = arg.slice(at + 1);
  const invalid = (what: string) =>
    new TypeError(`Invalid value for ${name}: ${quoteArg(text)} is not ${what}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (param.type !== "string") throw invalid(describeType(param));
    value = text;
  }
  if (notFinite(value) && param.type.startsWith("number")) {
    throw invalid(param.type === "number" ? "a finite number" : "a list of finite numbers");
  }
  const type = typeOf(value);
  const fits = type === param.type || (type === "null" && param.nullable) ||
    // An empty list fits either kind of list.
    (Array.isArray(value) && value.length === 0 && param.type.endsWith("[]"));
  if (!fits || notFinite(value)) throw invalid(describeType(param));
  return [param, value];
}

function describeType(param: Param): string {
  const base = {
    string: "text",
    number: "a number",
    boolean: "true or false",
    "string[]": 'a JSON list of texts, e.g. ["a", "b"]',
    "number[]": "a JSON list of numbers, e.g. [1, 2]",
  }[param.type];
  return param.nullable ? `${base} or null` : base;
}

/**
 * The source of the cell injected after the parameters cell. Each value is declared with the
 * parameters cell's own keyword: the Deno kernel lets a later cell declare a name again only the
 * same way (`let` after `let`, `const` after `const`).
 *
 * @param values Checked values.
 * @returns TypeScript declaring them.
 */
export function injectedSource(values: [Param, unknown][]): string {
  return [
    "// Parameters injected by deno task render",
    ...values.map(([p, v]) =>
      `${p.keyword} ${p.name} = ${JSON.stringify(v)}${p.asConst ? " as const" : ""};`
    ),
  ].join("\n");
}

/** A value the readable slug names exactly: lowercase words joined by single dashes. */
const EXACT_TEXT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Whether the readable slug of a value gives the value back, given its parameter's type: true,
 * false, null, a whole number, lowercase words joined by dashes, or a list of single lowercase words
 * or of whole numbers. Anything else (capitals, spaces, punctuation, signs, fractions, the text
 * "null" beside a null, an empty text or list) loses something, and the slug gets a hash.
 */
function exactSlug(value: unknown): boolean {
  if (value === null || typeof value === "boolean") return true;
  const word = (v: unknown) =>
    (typeof v === "number" && /^\d+$/.test(JSON.stringify(v))) ||
    (typeof v === "string" && /^[a-z0-9]+$/.test(v) && v !== "null");
  if (Array.isArray(value)) return value.length > 0 && value.every(word);
  return typeof value === "string" ? EXACT_TEXT.test(value) && value !== "null" : word(value);
}

/**
 * A file name part naming the values: `fresh-true.max_artists-3`. The readable part says what the
 * values are; whenever it loses something (capitals, spaces, punctuation, a lowercase parameter
 * name, more than 80 characters), `--` and a hash of the exact names and values follow, so two
 * different sets of values never share a page. A readable part alone never holds `--`.
 *
 * @param values Checked values, in the notebook's order (as {@linkcode parseParams} gives them).
 * @returns The part (at most 80 characters, of `a-z`, `0-9`, `_`, `-` and `.`), or `""` for none.
 *
 * @example Exact values are named; others get a hash
 * ```ts
 * import assert from "node:assert/strict";
 * import { notebookParams, paramsSlug, parseParams } from "./_params.ts";
 *
 * const params = notebookParams({
 *   cells: [{ cell_type: "code", metadata: { tags: ["parameters"] }, source: 'const Q = "a";' }],
 * });
 * assert.equal(await paramsSlug(parseParams(params, ["Q=quiet"], "99")), "q-quiet");
 * const comma = await paramsSlug(parseParams(params, ["Q=a,b"], "99"));
 * const semicolon = await paramsSlug(parseParams(params, ["Q=a;b"], "99"));
 * assert.match(comma, /^q-a-b--[0-9a-f]{8}$/);
 * assert.notEqual(comma, semicolon);
 * ```
 */
export async function paramsSlug(values: [Param, unknown][]): Promise<string> {
  if (values.length === 0) return "";
  const slug = values.map(([p, v]) =>
    `${p.name.toLowerCase().replace(/[^a-z0-9_]+/g, "-")}-${
      JSON.stringify(v).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")
    }`
  ).join(".");
  const exact = values.every(([p, v]) => /^[A-Z][A-Z0-9_]*$/.test(p.name) && exactSlug(v));
  if (exact && slug.length <= 80) return slug;
  const digest = new Uint8Array(
    await crypto.subtle.digest(
      "SHA-256",
      new TextEncoder().encode(JSON.stringify(values.map(([p, v]) => [p.name, v]))),
    ),
  );
  const hash = Array.from(digest.slice(0, 4), (b) => b.toString(16).padStart(2, "0")).join("");
  return `${slug.slice(0, 70).replace(/[-.]+$/, "")}--${hash}`;
}
