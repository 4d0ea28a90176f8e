/**
 * The walk of `normalize` (`normalize.ts`): one pass over the records fills one {@linkcode Col} per
 * flattened path, in order of first appearance ({@linkcode ColumnBuilder} over a trie of paths).
 * Each column keeps its values by row in fixed-size chunks and the kinds of values it saw (as
 * bits, read by `_normalize_infer.ts` to choose its type); objects left as values fill their fields
 * as sub-columns and lists fill one item column, so nested data is gathered in the same walk.
 * Only an object's own keys are walked, never keys it inherits.
 *
 * @module
 */
import { valueAt, type Values } from "./_arrow_columns.ts";

/** How deep data may nest (objects and lists), so that no walk can overflow the stack. */
const MAX_DEPTH = 100;

/**
 * Whether an object has a key of its own. `for...in` also yields inherited enumerable keys; V8
 * answers this call inside such a loop from the loop's own cache, so checking costs nothing.
 */
const own = Object.prototype.hasOwnProperty;

/** Whether a value is a plain object (not null, not a list). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Kinds of values a column has seen, as bits.
export const STR = 1;
export const INT = 2;
export const FLOAT = 4;
export const BOOL = 8;
export const OBJ = 16;
export const LIST = 32;
export const BIG = 64;

const CHUNK_BITS = 10;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

/** Where the walk is, for error messages: the objects above the current one, and the record. */
interface Walk {
  /** The objects and lists enclosing the current value, by depth. */
  readonly stack: unknown[];
  /** The record being walked. */
  rows: number;
}

/** The sentence for data nested too deep: a cycle (TypeError) or real depth (RangeError). */
function tooDeep(walk: Walk, value: unknown): Error {
  if (walk.stack.includes(value)) {
    return new TypeError(
      `Cannot normalize record ${walk.rows}: it contains itself (a cyclic reference), which JSON cannot hold`,
    );
  }
  return new RangeError(
    `Cannot normalize record ${walk.rows}: it is nested deeper than ${MAX_DEPTH} levels`,
  );
}

/**
 * One column's values by row, the kinds seen, and for nested values the columns of their parts:
 * an object's fields (rows are this column's rows) and a list's items (rows are all items, in
 * order).
 */
export class Col {
  /** Values by row, in chunks of CHUNK rows; a missing chunk or a hole is a missing value. */
  readonly chunks: unknown[][] = [];
  readonly values: Values = { chunks: this.chunks, bits: CHUNK_BITS, mask: CHUNK_MASK };
  mask = 0;
  fields: Map<string, Col> | undefined;
  item: Col | undefined;
  items = 0;
  /** Total length of the text values. */
  chars = 0;
  // The last object's keys and their columns, so a repeated shape skips the map lookups.
  readonly #keys: string[] = [];
  readonly #cols: Col[] = [];

  put(row: number, value: unknown, depth: number, walk: Walk): void {
    const k = row >>> CHUNK_BITS;
    let chunk = this.chunks[k];
    if (chunk === undefined) chunk = this.chunks[k] = new Array(1 << CHUNK_BITS);
    chunk[row & CHUNK_MASK] = value;
    switch (typeof value) {
      case "string":
        this.mask |= STR;
        this.chars += value.length;
        return;
      case "number":
        this.mask |= Number.isSafeInteger(value) ? INT : FLOAT;
        return;
      case "boolean":
        this.mask |= BOOL;
        return;
      case "bigint":
        this.mask |= INT | BIG;
        return;
      case "object": {
        if (value === null) return;
        if (depth >= MAX_DEPTH) throw tooDeep(walk, value);
        walk.stack[depth] = value;
        if (Array.isArray(value)) {
          this.mask |= LIST;
          const item = this.item ??= new Col();
          for (let i = 0; i < value.length; i++) item.put(this.items++, value[i], depth + 1, walk);
          return;
        }
        this.mask |= OBJ;
        const object = value as Record<string, unknown>;
        let i = 0;
        for (const key in object) {
          if (own.call(object, key)) this.field(key, i++).put(row, object[key], depth + 1, walk);
        }
        return;
      }
    }
  }

  field(key: string, i: number): Col {
    if (this.#keys[i] === key) return this.#cols[i]!;
    const fields = this.fields ??= new Map();
    let col = fields.get(key);
    if (col === undefined) {
      col = new Col();
      fields.set(key, col);
    }
    this.#keys[i] = key;
    this.#cols[i] = col;
    return col;
  }
}

/** A node of the trie of flattened paths; it becomes a column when it first holds a value. */
class Path {
  readonly name: string;
  col: Col | undefined;
  readonly #kids = new Map<string, Path>();
  readonly #keys: string[] = [];
  readonly #cache: Path[] = [];
  constructor(name: string) {
    this.name = name;
  }
  kid(key: string, i: number, sep: string): Path {
    if (this.#keys[i] === key) return this.#cache[i]!;
    let kid = this.#kids.get(key);
    if (kid === undefined) {
      kid = new Path(this.name === "" ? key : this.name + sep + key);
      this.#kids.set(key, kid);
    }
    this.#keys[i] = key;
    this.#cache[i] = kid;
    return kid;
  }
}

/** A column and the name it will have in the frame. */
export interface NamedCol {
  name: string;
  col: Col;
}

/** Fills one column per flattened path, in order of first appearance. */
export class ColumnBuilder implements Walk {
  rows = 0;
  readonly stack: unknown[] = [];
  readonly #sep: string;
  readonly #maxLevel: number;
  readonly #root = new Path("");
  readonly #order: Path[] = [];

  constructor(sep: string, maxLevel: number) {
    this.#sep = sep;
    this.#maxLevel = maxLevel;
  }

  addRecord(record: unknown): void {
    if (isObject(record)) {
      this.stack[0] = record;
      this.#walk(record, this.#root, 0);
    } else this.#leaf(this.#root.kid("0", 0, this.#sep), record, 0);
    this.rows++;
  }

  /**
   * Flatten one object. As pandas does, a record's own values come before its flattened objects:
   * at the top level, one pass takes the values and a second the objects; deeper, keys keep
   * their order.
   */
  #walk(obj: Record<string, unknown>, node: Path, level: number): void {
    const maxLevel = this.#maxLevel;
    const top = level === 0 && maxLevel > 0;
    let i = 0;
    for (const key in obj) {
      if (!own.call(obj, key)) continue;
      const value = obj[key];
      if (
        typeof value === "object" && value !== null && !Array.isArray(value) && level < maxLevel
      ) {
        if (top) {
          i++;
          continue;
        }
        // An empty object flattens to nothing, as in pandas: the row has no value there.
        if (level + 1 >= MAX_DEPTH) throw tooDeep(this, value);
        this.stack[level + 1] = value;
        this.#walk(value as Record<string, unknown>, node.kid(key, i++, this.#sep), level + 1);
      } else {
        this.#leaf(node.kid(key, i++, this.#sep), value, level + 1);
      }
    }
    if (!top) return;
    for (const key in obj) {
      if (!own.call(obj, key)) continue;
      const value = obj[key];
      if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        this.stack[1] = value;
        this.#walk(value as Record<string, unknown>, node.kid(key, i++, this.#sep), 1);
      } else i++;
    }
  }

  #leaf(node: Path, value: unknown, depth: number): void {
    let col = node.col;
    if (col === undefined) {
      col = node.col = new Col();
      this.#order.push(node);
    }
    col.put(this.rows, value, depth, this);
  }

  columns(): NamedCol[] {
    return this.#order.map((node) => ({ name: node.name, col: node.col! }));
  }
}

/** Two columns of one name as one: where both have a value in a row, the later's. */
export function mergeCols(a: Col, b: Col, rows: number): Col {
  const out = new Col();
  const walk: Walk = { stack: [], rows: 0 };
  for (let row = 0; row < rows; row++) {
    const later = valueAt(b.values, row);
    const value = later !== undefined ? later : valueAt(a.values, row);
    walk.rows = row;
    out.put(row, value, 0, walk);
  }
  return out;
}
