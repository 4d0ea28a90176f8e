/**
 * Spotify's OpenAPI description (`data/openapi/spotify-openapi.yml`) as JSON-schema validators for
 * the emulator's conformance test, with ajv (draft 2019-09). OpenAPI 3.0 is not quite JSON Schema,
 * so the document is translated first:
 *
 * - `$ref: "#/components/schemas/X"` becomes `spotify#/$defs/X` (one root schema holds them all);
 * - `nullable: true` becomes `anyOf: [<the schema>, {type: "null"}]`;
 * - every object schema gets `unevaluatedProperties: false`, so that a field the file does not
 *   describe fails (the file never says `additionalProperties`). Schemas used as one member of a
 *   several-member `allOf` (`ShowBase`, `PagingObject`, ...) get it on the `allOf` instead, where
 *   the members' properties count as evaluated.
 *
 * Test-only; private to the emulator folder.
 *
 * @module
 */
import { Ajv2019, type ErrorObject, type ValidateFunction } from "ajv/dist/2019";
import { parse } from "yaml";

/** The parts of an OpenAPI document the test reads (loosely typed: it is data). */
// deno-lint-ignore no-explicit-any
export type OpenApi = any;

/** Read the vendored OpenAPI file. */
export async function loadOpenApi(): Promise<OpenApi> {
  return parse(
    await Deno.readTextFile(new URL("../data/openapi/spotify-openapi.yml", import.meta.url)),
  );
}

/** The `GET` path templates of the document, e.g. `/shows/{id}`. */
export function getOperations(spec: OpenApi): string[] {
  return Object.keys(spec.paths).filter((path) => spec.paths[path].get !== undefined);
}

/** Validators of one (possibly patched) document. */
export interface Validators {
  /**
   * Validate one answer of `GET path`.
   *
   * @returns The problems: an undeclared status, or the schema errors; empty when it conforms.
   */
  check(path: string, status: number, body: unknown): string[];
}

/**
 * Compile validators for a document.
 *
 * @param spec The OpenAPI document (not changed).
 * @returns The validators.
 */
export function validators(spec: OpenApi): Validators {
  const bases = multiAllOfMembers(spec);
  const defs: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    defs[name] = translate(schema, { strict: !bases.has(name) });
  }
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: "spotify", $defs: defs });
  const compiled = new Map<string, ValidateFunction | null>();
  return {
    check(path, status, body) {
      const key = `${path} ${status}`;
      if (!compiled.has(key)) {
        let response = spec.paths[path]?.get?.responses?.[String(status)];
        if (response?.$ref) response = resolve(spec, response.$ref);
        if (response === undefined) compiled.set(key, undefined as never);
        else {
          const schema = response.content?.["application/json"]?.schema;
          compiled.set(key, schema ? ajv.compile(translate(schema, { strict: true })) : null);
        }
      }
      const validate = compiled.get(key);
      if (validate === undefined) return [`${status} is not an answer of GET ${path}`];
      if (validate === null) {
        return body === "" ? [] : [`${status} of GET ${path} has no body, got one`];
      }
      return validate(body) ? [] : (validate.errors ?? []).map(describe);
    },
  };
}

function describe(e: ErrorObject): string {
  const detail = e.keyword === "unevaluatedProperties"
    ? ` (${(e.params as { unevaluatedProperty: string }).unevaluatedProperty})`
    : "";
  return `${e.instancePath || "/"} ${e.message}${detail} [${e.schemaPath}]`;
}

function resolve(spec: OpenApi, ref: string): OpenApi {
  return ref.slice(2).split("/").reduce((node: OpenApi, key) => node?.[key], spec);
}

/** Names of schemas that are one member of an `allOf` with several members. */
function multiAllOfMembers(spec: OpenApi): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== "object" || node === null) return;
    const all = (node as { allOf?: { $ref?: string }[] }).allOf;
    if (Array.isArray(all) && all.length > 1) {
      for (const member of all) if (member.$ref) names.add(member.$ref.split("/").at(-1)!);
    }
    Object.values(node).forEach(walk);
  };
  walk(spec);
  return names;
}

/** OpenAPI 3.0 schema to JSON Schema 2019-09 (a new object; the input is not changed). */
function translate(schema: OpenApi, { strict }: { strict: boolean }): OpenApi {
  if (typeof schema !== "object" || schema === null) return schema;
  if (typeof schema.$ref === "string") {
    return { $ref: schema.$ref.replace("#/components/schemas/", "spotify#/$defs/") };
  }
  const out: OpenApi = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "nullable" || key === "example" || key.startsWith("x-")) continue;
    if (key === "properties") {
      out.properties = Object.fromEntries(
        Object.entries(value as object).map(([k, v]) => [k, translate(v, { strict: true })]),
      );
    } else if (key === "allOf" || key === "anyOf" || key === "oneOf") {
      const members = value as OpenApi[];
      const several = key === "allOf" && members.length > 1;
      out[key] = members.map((m) => translate(m, { strict: !several }));
    } else if (key === "items" || key === "additionalProperties") {
      out[key] = translate(value, { strict: true });
    } else {
      out[key] = value;
    }
  }
  if (strict && (out.properties !== undefined || out.allOf !== undefined)) {
    out.unevaluatedProperties = false;
  }
  return schema.nullable === true ? { anyOf: [out, { type: "null" }] } : out;
}
