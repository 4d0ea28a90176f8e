/**
 * How long each function of a TypeScript file is, read from its syntax tree (TypeScript's own
 * parser): the lines from its first to its last, inner functions included, so that a closure
 * factory counts as one function. A table is not logic: an object literal of five or more entries
 * of at most three lines each (an object of endpoint methods, say) does not count.
 *
 * @module
 */
import ts from "typescript";

/** A function and how many lines of it count. */
export interface FunctionLength {
  /** `file:line name`. */
  where: string;
  /** Its lines, less those of tables inside it. */
  lines: number;
}

/** The lines of each object literal in `node` that is a table of short entries. */
function tableLines(node: ts.Node, sf: ts.SourceFile): Set<number> {
  const lines = new Set<number>();
  const line = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
  const visit = (n: ts.Node) => {
    if (ts.isObjectLiteralExpression(n) && n.properties.length >= 5) {
      const short = n.properties.every((p) => line(p.getEnd()) - line(p.getStart(sf)) < 3);
      if (short) { for (let l = line(n.getStart(sf)); l <= line(n.getEnd()); l++) lines.add(l); }
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return lines;
}

/**
 * Every function of a file with its counted length.
 *
 * @param file The file's name, for `where`.
 * @param text Its source.
 * @returns One entry per function with a body, outer functions first.
 */
export function functionLengths(file: string, text: string): FunctionLength[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: FunctionLength[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      const table = tableLines(node, sf);
      const name = "name" in node && node.name ? node.name.getText(sf) : ts.SyntaxKind[node.kind];
      found.push({ where: `${file}:${first + 1} ${name}`, lines: last - first + 1 - table.size });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
