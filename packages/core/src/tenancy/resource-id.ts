import { z } from "zod";

/** Everything a request can name by id; each kind is authorized against the caller by `Access`. */
export const RESOURCE_KINDS = [
  "organization",
  "workspace",
  "profile",
  "contact",
  "template",
  "campaign",
  "rule",
  "flow",
  "webhook",
  "transport",
  "key",
  "user",
  "role",
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Kinds that live inside one workspace's stores: found only in the workspace a request acts in. */
export const WORKSPACE_RECORDS = ["contact", "template", "campaign", "rule", "flow"] as const;
export type WorkspaceRecordKind = (typeof WORKSPACE_RECORDS)[number];

const META = "x-resource";
const ID_CHARS = /^[A-Za-z0-9_+-]+$/;
export const MAX_ID_LENGTH = 128;

/**
 * A field that names a resource. Declared once per field; the id format is strict (no `.`, `/`, NUL or
 * 10,000-char ids ever reach storage) and the kind, visible in OpenAPI as `x-resource`, lets the request
 * pipeline authorize the id before any handler sees it.
 */
export function resourceId(kind: ResourceKind) {
  return z
    .string()
    .min(1, "must not be empty")
    .max(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
    .regex(ID_CHARS, "must be letters, digits, _, + or -")
    .meta({ [META]: kind });
}

/** The resource kind a schema was declared with (`resourceId`), if any. */
export function resourceKindOf(schema: z.ZodType): ResourceKind | undefined {
  return (z.globalRegistry.get(schema) as Record<string, unknown> | undefined)?.[META] as ResourceKind | undefined;
}

/** One id a request names, with the dotted path of the field that holds it. */
export interface ResourceRef {
  kind: ResourceKind;
  id: string;
  field: string;
}

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Walks a parsed value along its schema and returns every resource id it names. */
export function collectRefs(schema: z.ZodType | undefined, value: unknown, prefix = ""): ResourceRef[] {
  const out = new Map<string, ResourceRef>();
  if (schema) walk(schema, value, prefix, out, 0);
  return [...out.values()];
}

function walk(schema: z.ZodType, value: unknown, field: string, out: Map<string, ResourceRef>, depth: number): void {
  if (value === undefined || value === null || depth > 64) return;
  const kind = resourceKindOf(schema);
  if (kind && typeof value === "string") {
    out.set(`${kind}\0${field}\0${value}`, { kind, id: value, field });
    return;
  }
  const def = defOf(schema);
  const inner = (key: string) => walk(def[key] as z.ZodType, value, field, out, depth + 1);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return inner("innerType");
    case "pipe":
      inner("in");
      return inner("out");
    case "lazy":
      return walk((def.getter as () => z.ZodType)(), value, field, out, depth + 1);
    case "intersection":
      inner("left");
      return inner("right");
    case "union":
      for (const option of def.options as z.ZodType[]) walk(option, value, field, out, depth + 1);
      return;
    case "array":
      if (Array.isArray(value))
        value.forEach((v, i) => walk(def.element as z.ZodType, v, join(field, String(i)), out, depth + 1));
      return;
    case "object":
      if (typeof value !== "object") return;
      for (const [key, s] of Object.entries(def.shape as Record<string, z.ZodType>))
        walk(s, (value as Record<string, unknown>)[key], join(field, key), out, depth + 1);
      return;
    case "record":
      if (typeof value !== "object") return;
      for (const [key, v] of Object.entries(value as Record<string, unknown>))
        walk(def.valueType as z.ZodType, v, join(field, key), out, depth + 1);
      return;
  }
}

const join = (a: string, b: string) => (a ? `${a}.${b}` : b);

/** Every field path of a schema that names a resource (for docs and the "every id is declared" test). */
export function resourceFields(schema: z.ZodType | undefined): { field: string; kind: ResourceKind }[] {
  const found: { field: string; kind: ResourceKind }[] = [];
  const visit = (s: z.ZodType, field: string, depth: number): void => {
    if (depth > 16) return;
    const kind = resourceKindOf(s);
    if (kind) return void found.push({ field, kind });
    const def = defOf(s);
    for (const key of ["innerType", "in", "out", "left", "right"])
      if (def[key]) visit(def[key] as z.ZodType, field, depth + 1);
    if (def.type === "union") for (const o of def.options as z.ZodType[]) visit(o, field, depth + 1);
    if (def.type === "array") visit(def.element as z.ZodType, join(field, "*"), depth + 1);
    if (def.type === "record") visit(def.valueType as z.ZodType, join(field, "*"), depth + 1);
    if (def.type === "object")
      for (const [key, v] of Object.entries(def.shape as Record<string, z.ZodType>))
        visit(v, join(field, key), depth + 1);
  };
  if (schema) visit(schema, "", 0);
  return found;
}
