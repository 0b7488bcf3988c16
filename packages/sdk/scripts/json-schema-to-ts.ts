/** A small JSON Schema (draft 2020-12, as zod 4 emits it) → TypeScript type emitter for the generated client types. */
export type JsonSchema = { [key: string]: unknown };

export interface EmitContext {
  /** Named `$defs`, emitted once as their own type aliases. */
  defs: Map<string, string>;
}

/** The TypeScript type of a schema, as source text. */
export function toTs(schema: JsonSchema | boolean | undefined, ctx: EmitContext, indent = ""): string {
  if (schema === undefined || schema === true) return "unknown";
  if (schema === false) return "never";
  if (typeof schema.$ref === "string") return refName(schema.$ref);
  if ("const" in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map(literal).join(" | ");
  for (const key of ["anyOf", "oneOf"] as const) {
    if (Array.isArray(schema[key])) return union((schema[key] as JsonSchema[]).map((s) => toTs(s, ctx, indent)));
  }
  if (Array.isArray(schema.allOf))
    return (schema.allOf as JsonSchema[]).map((s) => wrap(toTs(s, ctx, indent))).join(" & ");
  if (Array.isArray(schema.type))
    return union((schema.type as string[]).map((type) => toTs({ ...schema, type }, ctx, indent)));
  switch (schema.type) {
    case "string":
      return "string";
    case "number":
    case "integer":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array":
      return arrayType(schema, ctx, indent);
    case "object":
      return objectType(schema, ctx, indent);
    default:
      return "unknown";
  }
}

/** Type aliases for a schema's `$defs` (zod emits them for recursive or registered schemas). */
export function collectDefs(schema: JsonSchema, ctx: EmitContext): void {
  for (const [name, def] of Object.entries((schema.$defs as Record<string, JsonSchema> | undefined) ?? {})) {
    if (!ctx.defs.has(name)) ctx.defs.set(name, toTs(def, ctx));
  }
}

// --- Internal helpers ---

function refName(ref: string): string {
  const name = ref.split("/").pop() ?? "unknown";
  return ref === "#" ? "unknown" : `Def_${name.replace(/\W/g, "_")}`;
}

function literal(value: unknown): string {
  return JSON.stringify(value);
}

/** Parenthesises a union or intersection before `[]`: `{…} | {…}` is one, though it starts and ends with braces. */
function wrap(type: string): string {
  let depth = 0;
  let quoted = false;
  for (const [i, char] of [...type].entries()) {
    if (char === '"' && type[i - 1] !== "\\") quoted = !quoted;
    else if (quoted) continue;
    else if ("{([<".includes(char)) depth++;
    else if ("})]>".includes(char)) depth--;
    else if (depth === 0 && (char === "|" || char === "&")) return `(${type})`;
  }
  return type;
}

function union(types: string[]): string {
  return [...new Set(types)].join(" | ") || "never";
}

function arrayType(schema: JsonSchema, ctx: EmitContext, indent: string): string {
  if (Array.isArray(schema.prefixItems)) {
    const items = (schema.prefixItems as JsonSchema[]).map((s) => toTs(s, ctx, indent));
    return `[${items.join(", ")}]`;
  }
  return `${wrap(toTs(schema.items as JsonSchema | undefined, ctx, indent))}[]`;
}

function objectType(schema: JsonSchema, ctx: EmitContext, indent: string): string {
  const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const inner = `${indent}  `;
  const lines = Object.entries(properties).map(([name, prop]) => {
    const doc =
      typeof prop.description === "string" ? `${inner}/** ${prop.description.replace(/\*\//g, "* /")} */\n` : "";
    const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
    return `${doc}${inner}${key}${required.has(name) ? "" : "?"}: ${toTs(prop, ctx, inner)};`;
  });
  const extra = schema.additionalProperties;
  if (extra !== undefined && extra !== false) {
    const names = schema.propertyNames as JsonSchema | undefined;
    const keyType = names && Array.isArray(names.enum) ? names.enum.map(literal).join(" | ") : "string";
    const valueType = toTs(extra as JsonSchema | boolean, ctx, inner);
    if (!lines.length)
      return keyType === "string" ? `Record<string, ${valueType}>` : `Partial<Record<${keyType}, ${valueType}>>`;
    lines.push(`${inner}[key: string]: unknown;`);
  }
  return lines.length ? `{\n${lines.join("\n")}\n${indent}}` : "Record<string, never>";
}
