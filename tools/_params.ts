/**
 * Notebook parameters, papermill's way: the cell tagged `parameters` declares them
 * (`const NAME = value; // comment`), and `deno task render NAME --param NAME=VALUE` runs the
 * notebook with a cell injected after it that declares the new values. Values are checked against
 * the names and the types the parameters cell gives them.
 *
 * @module
 */

/** The type of a parameter, as its declaration gives it. */
export type ParamType = "string" | "number" | "boolean" | "string[]" | "number[]";

/** One parameter of a notebook. */
export interface Param {
  name: string;
  type: ParamType;
  /** Whether `null` is allowed (`string | null`, or a `null` default). */
  nullable: boolean;
  /** Whether the declaration ends in `as const` (kept on the injected value). */
  asConst: boolean;
}

/** A notebook file, as far as parameters go. */
export interface NotebookJson {
  cells: { cell_type: string; source: string | string[]; metadata?: { tags?: string[] } }[];
}

const DECLARATION =
  /^const\s+([A-Za-z_$][\w$]*)\s*(?::\s*([^=]+?))?\s*=\s*(.+?)\s*;?\s*(?:\/\/.*)?$/;

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

/**
 * The parameters a notebook declares in its cell tagged `parameters`.
 *
 * @param notebook The notebook file.
 * @returns Its parameters, by name; empty when it has no such cell.
 */
export function notebookParams(notebook: NotebookJson): Map<string, Param> {
  const cell = notebook.cells.find((c) => c.metadata?.tags?.includes("parameters"));
  const params = new Map<string, Param>();
  const source = [cell?.source ?? ""].flat().join("");
  for (const line of source.split("\n")) {
    const match = DECLARATION.exec(line.trim());
    if (!match) continue;
    const name = match[1]!;
    const annotation = match[2];
    const literal = match[3]!;
    const asConst = /\s+as\s+const$/.test(literal);
    let type: ParamType | undefined;
    let nullable = false;
    if (annotation !== undefined) {
      const parts = annotation.split("|").map((p) => p.trim());
      nullable = parts.includes("null");
      const rest = parts.filter((p) => p !== "null" && p !== "undefined");
      type = rest.length === 1 && ["string", "number", "boolean", "string[]", "number[]"]
          .includes(rest[0]!)
        ? rest[0] as ParamType
        : undefined;
    } else {
      try {
        const found = typeOf(JSON.parse(literal.replace(/\s+as\s+const$/, "")));
        if (found === "null") nullable = true;
        else type = found;
      } catch {
        type = undefined;
      }
    }
    if (type !== undefined) params.set(name, { name, type, nullable, asConst });
  }
  return params;
}

/**
 * Check `NAME=VALUE` arguments against a notebook's parameters. A value is JSON (`true`, `3`,
 * `["a", "b"]`, `"text"`); for a text parameter, bare text is taken as is.
 *
 * @param params The notebook's parameters.
 * @param args `NAME=VALUE` strings.
 * @param notebook The notebook's name, for messages.
 * @returns The values, in the order given.
 * @throws {TypeError} With one sentence, on an unknown name or a value of the wrong type.
 */
export function parseParams(
  params: Map<string, Param>,
  args: string[],
  notebook: string,
): [Param, unknown][] {
  const known = () =>
    params.size === 0
      ? `it has no cell tagged "parameters"`
      : `its parameters are ${[...params.keys()].join(", ")}`;
  return args.map((arg) => {
    const at = arg.indexOf("=");
    const name = at < 0 ? arg : arg.slice(0, at);
    const param = params.get(name);
    if (param === undefined) {
      throw new TypeError(`Unknown parameter "${name}" for ${notebook}: ${known()}`);
    }
    if (at < 0) throw new TypeError(`Missing a value: write --param '${name}=VALUE'`);
    const text = arg.slice(at + 1);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      if (param.type !== "string") {
        throw new TypeError(
          `Invalid value for ${name}: ${JSON.stringify(text)} is not ${describeType(param)}`,
        );
      }
      value = text;
    }
    const type = typeOf(value);
    const fits = type === param.type || (type === "null" && param.nullable) ||
      // An empty list fits either kind of list.
      (Array.isArray(value) && value.length === 0 && param.type.endsWith("[]"));
    if (!fits) {
      throw new TypeError(
        `Invalid value for ${name}: ${JSON.stringify(text)} is not ${describeType(param)}`,
      );
    }
    return [param, value];
  });
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
 * The source of the cell injected after the parameters cell.
 *
 * @param values Checked values.
 * @returns TypeScript declaring them.
 */
export function injectedSource(values: [Param, unknown][]): string {
  return [
    "// Parameters injected by deno task render",
    ...values.map(([p, v]) =>
      `const ${p.name} = ${JSON.stringify(v)}${p.asConst ? " as const" : ""};`
    ),
  ].join("\n");
}

/**
 * A file name part naming the values: `artist_names-tova-calloway.fresh-true`, at most about 80
 * characters (a short hash of the values keeps longer ones apart).
 *
 * @param values Checked values.
 * @returns The part, or `""` for none.
 */
export async function paramsSlug(values: [Param, unknown][]): Promise<string> {
  if (values.length === 0) return "";
  const slug = values.map(([p, v]) =>
    `${p.name.toLowerCase()}-${
      JSON.stringify(v).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")
    }`
  ).join(".");
  if (slug.length <= 80) return slug;
  const digest = new Uint8Array(
    await crypto.subtle.digest(
      "SHA-256",
      new TextEncoder().encode(JSON.stringify(values.map(([p, v]) => [p.name, v]))),
    ),
  );
  const hash = Array.from(digest.slice(0, 4), (b) => b.toString(16).padStart(2, "0")).join("");
  return `${slug.slice(0, 71).replace(/[-.]+$/, "")}-${hash}`;
}
