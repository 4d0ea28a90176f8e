/**
 * The declarations of a notebook's parameters cell, read with TypeScript's own parser: `const`,
 * `let` or `var`, several in one statement, values written over several lines (as `deno fmt` wraps a
 * long list, trailing comma included), single or double quotes, `as const`.
 *
 * @module
 */
import ts from "typescript";

/** The type of a parameter, as its declaration gives it. */
export type ParamType = "string" | "number" | "boolean" | "string[]" | "number[]";

/** One name a parameters cell declares at its top level. */
export interface Declaration {
  name: string;
  /** How it is declared: the injected cell declares the new value the same way. */
  keyword: "const" | "let" | "var";
  /** Its type, or `undefined` when it is none `--param` can write (an object, a union...). */
  type: ParamType | undefined;
  /** Whether `null` is allowed (`string | null`, or a `null` default). */
  nullable: boolean;
  /** Whether the value ends in `as const` (kept on the injected value). */
  asConst: boolean;
}

const KEYWORD_TYPES: Partial<Record<ts.SyntaxKind, ParamType>> = {
  [ts.SyntaxKind.StringKeyword]: "string",
  [ts.SyntaxKind.NumberKeyword]: "number",
  [ts.SyntaxKind.BooleanKeyword]: "boolean",
};

/** The parameter type one member of an annotation names, `"null"`, or `undefined`. */
function typeName(node: ts.TypeNode): ParamType | "null" | "undefined" | undefined {
  if (ts.isParenthesizedTypeNode(node)) return typeName(node.type);
  if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword) {
    return typeName(node.type);
  }
  if (ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword) return "null";
  if (node.kind === ts.SyntaxKind.UndefinedKeyword) return "undefined";
  if (ts.isArrayTypeNode(node)) {
    const element = typeName(node.elementType);
    return element === "string" || element === "number" ? `${element}[]` : undefined;
  }
  return KEYWORD_TYPES[node.kind];
}

/** The type and nullability an annotation gives (`string[] | null`). */
function fromAnnotation(node: ts.TypeNode): Pick<Declaration, "type" | "nullable"> {
  const members = ts.isUnionTypeNode(node) ? [...node.types] : [node];
  const names = members.map(typeName);
  const rest = names.filter((n) => n !== "null" && n !== "undefined");
  const type = rest.length === 1 && rest[0] !== undefined ? rest[0] as ParamType : undefined;
  return { type, nullable: names.includes("null") };
}

const NOT_A_LITERAL = Symbol("not a literal");

/** The value of a literal (text, number, true/false, null, or a list of them). */
function literal(node: ts.Expression): unknown {
  if (ts.isParenthesizedExpression(node)) return literal(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text.replaceAll("_", ""));
  if (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand)) {
    const value = literal(node.operand) as number;
    if (node.operator === ts.SyntaxKind.MinusToken) return -value;
    if (node.operator === ts.SyntaxKind.PlusToken) return value;
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isArrayLiteralExpression(node)) {
    const values = node.elements.map((e) => ts.isSpreadElement(e) ? NOT_A_LITERAL : literal(e));
    return values.includes(NOT_A_LITERAL) ? NOT_A_LITERAL : values;
  }
  return NOT_A_LITERAL;
}

/** The type and nullability a value gives when there is no annotation. */
function fromValue(value: unknown): Pick<Declaration, "type" | "nullable"> {
  if (value === null) return { type: undefined, nullable: true };
  if (["string", "number", "boolean"].includes(typeof value)) {
    return { type: typeof value as ParamType, nullable: false };
  }
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === "string")) return { type: "string[]", nullable: false };
    if (value.every((v) => typeof v === "number")) return { type: "number[]", nullable: false };
  }
  return { type: undefined, nullable: false };
}

/** The expression under `as const` and `satisfies T`, and whether `as const` was one of them. */
function unwrap(node: ts.Expression): { value: ts.Expression; asConst: boolean } {
  let value = node;
  let asConst = false;
  for (;;) {
    if (ts.isParenthesizedExpression(value)) value = value.expression;
    else if (ts.isSatisfiesExpression(value)) value = value.expression;
    else if (ts.isAsExpression(value)) {
      asConst ||= ts.isTypeReferenceNode(value.type) && value.type.typeName.getText() === "const";
      value = value.expression;
    } else return { value, asConst };
  }
}

function keywordOf(list: ts.VariableDeclarationList): Declaration["keyword"] {
  if (list.flags & ts.NodeFlags.Const) return "const";
  return list.flags & ts.NodeFlags.Let ? "let" : "var";
}

/**
 * The names a cell declares at its top level, in order, with the types they have.
 *
 * @param source The cell's source.
 * @returns One entry per declared name (destructuring patterns are skipped).
 *
 * @example Several per statement, `let`, and a list wrapped over lines
 * ```ts
 * import assert from "node:assert/strict";
 * import { readDeclarations } from "./_param_declarations.ts";
 *
 * const found = readDeclarations('let X = 1, Y: string | null = null;\nconst L = [\n  "A",\n  \'B\',\n] as const;');
 * assert.deepEqual(found.map((d) => [d.name, d.keyword, d.type, d.nullable, d.asConst]), [
 *   ["X", "let", "number", false, false],
 *   ["Y", "let", "string", true, false],
 *   ["L", "const", "string[]", false, true],
 * ]);
 * ```
 */
export function readDeclarations(source: string): Declaration[] {
  const file = ts.createSourceFile("parameters.ts", source, ts.ScriptTarget.Latest, true);
  const found: Declaration[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const keyword = keywordOf(statement.declarationList);
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name)) continue;
      const { value, asConst } = declaration.initializer === undefined
        ? { value: undefined, asConst: false }
        : unwrap(declaration.initializer);
      const typed = declaration.type !== undefined
        ? fromAnnotation(declaration.type)
        : fromValue(value === undefined ? NOT_A_LITERAL : literal(value));
      found.push({ name: declaration.name.text, keyword, ...typed, asConst });
    }
  }
  return found;
}
