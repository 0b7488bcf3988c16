import { z } from "zod";

type Json = Record<string, unknown>;

/**
 * Named schemas shared across operations. A view registered with `.meta({ id: "Webhook" })` is emitted
 * once under `components.schemas`, and every operation refers to it there: OpenAPI readers and the SDK's
 * generator (`export type Webhook`) see one name instead of a copy per operation.
 */
export interface SchemaComponents {
  /** The JSON Schema of `schema`, with its named parts replaced by `#/components/schemas/<name>` refs. */
  toJson(schema: z.ZodType, io: "input" | "output"): Json;
  /** Every named schema met so far, by name. */
  readonly schemas: Record<string, Json>;
}

export const COMPONENT_REF = "#/components/schemas/";

/**
 * A request can take a shape that differs from what a response shows (defaults make fields optional),
 * so an input's named part is `<id>Input` unless it equals the output's: convert the outputs first.
 */
export function createSchemaComponents(): SchemaComponents {
  const schemas: Record<string, Json> = {};
  return {
    schemas,
    toJson(schema, io) {
      const { $schema: _drop, $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Json;
      const defs = ($defs ?? {}) as Record<string, Json>;
      for (const id of Object.keys(defs))
        if (!/^[A-Z][A-Za-z0-9]*$/.test(id))
          throw new Error(`[multiwa] schema $defs "${id}" has no name: give the schema .meta({ id: "PascalCase" })`);
      const names = _names(defs, schemas, io);
      for (const [id, def] of Object.entries(defs)) {
        const name = names.get(id)!;
        const json = _rewrite(def, names) as Json;
        const known = schemas[name];
        if (known && JSON.stringify(known) !== JSON.stringify(json))
          throw new Error(`[multiwa] two different schemas are named "${name}"`);
        schemas[name] = json;
      }
      return _rewrite(rest, names) as Json;
    },
  };
}

// --- Internal helpers ---

/** Output parts keep their id; an input part keeps it only while it equals the known output part (to a fixpoint). */
function _names(defs: Record<string, Json>, known: Record<string, Json>, io: "input" | "output"): Map<string, string> {
  const names = new Map(Object.keys(defs).map((id) => [id, id]));
  if (io === "output") return names;
  for (let changed = true; changed;) {
    changed = false;
    for (const [id, def] of Object.entries(defs)) {
      if (names.get(id) !== id) continue;
      const same = known[id] !== undefined && JSON.stringify(known[id]) === JSON.stringify(_rewrite(def, names));
      if (!same) {
        names.set(id, `${id}Input`);
        changed = true;
      }
    }
  }
  return names;
}

function _rewrite(value: unknown, names: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => _rewrite(v, names));
  if (!value || typeof value !== "object") return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")) {
      const id = decodeURIComponent(v.slice("#/$defs/".length));
      out[key] = COMPONENT_REF + (names.get(id) ?? id);
    } else out[key] = _rewrite(v, names);
  }
  return out;
}
