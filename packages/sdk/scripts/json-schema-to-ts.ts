import { COMPONENT_REF } from "../../../server/lib/schema-components.js";

/** A small JSON Schema (draft 2020-12, as zod 4 emits it) → TypeScript type emitter for the generated client types. */
export type JsonSchema = { [key: string]: unknown };

/** The TypeScript type of a schema, as source text; `#/components/schemas/<Name>` refs become `Name`. */
export function toTs(schema: JsonSchema | boolean | undefined, indent = ""): string {
  if (schema === undefined || schema === true) return "unknown";
  if (schema === false) return "never";
  if (typeof schema.$ref === "string") return refName(schema.$ref);
  if ("const" in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map(literal).join(" | ");
  for (const key of ["anyOf", "oneOf"] as const) {
    if (Array.isArray(schema[key])) return union((schema[key] as JsonSchema[]).map((s) => toTs(s, indent)));
  }
  if (Array.isArray(schema.allOf)) return (schema.allOf as JsonSchema[]).map((s) => wrap(toTs(s, indent))).join(" & ");
  if (Array.isArray(schema.type))
    return union((schema.type as string[]).map((type) => toTs({ ...schema, type }, indent)));
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
      return arrayType(schema, indent);
    case "object":
      return objectType(schema, indent);
    default:
      return "unknown";
  }
}

// --- Internal helpers ---

function refName(ref: string): string {
  if (!ref.startsWith(COMPONENT_REF)) throw new Error(`[multiwa] unresolved schema ref ${ref}`);
  return ref.slice(COMPONENT_REF.length);
}

function literal(value: unknown): string {
  return JSON.stringify(value);
}

/** Parenthesizes a type whose top level is a union or intersection, so `[]` and `&` bind to all of it. */
function wrap(type: string): string {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < type.length; i++) {
    const c = type[i]!;
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (type.startsWith("/*", i)) i = type.indexOf("*/", i + 2) + 1 || type.length;
    else if ("{[(<".includes(c)) depth++;
    else if ("}])>".includes(c)) depth--;
    else if (depth === 0 && (c === "|" || c === "&")) return `(${type})`;
  }
  return type;
}

function union(types: string[]): string {
  return [...new Set(types)].join(" | ") || "never";
}

function arrayType(schema: JsonSchema, indent: string): string {
  if (Array.isArray(schema.prefixItems)) {
    const items = (schema.prefixItems as JsonSchema[]).map((s) => toTs(s, indent));
    return `[${items.join(", ")}]`;
  }
  return `${wrap(toTs(schema.items as JsonSchema | undefined, indent))}[]`;
}

function objectType(schema: JsonSchema, indent: string): string {
  const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const inner = `${indent}  `;
  const lines = Object.entries(properties).map(([name, prop]) => {
    const doc =
      typeof prop.description === "string" ? `${inner}/** ${prop.description.replace(/\*\//g, "* /")} */\n` : "";
    const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
    return `${doc}${inner}${key}${required.has(name) ? "" : "?"}: ${toTs(prop, inner)};`;
  });
  const extra = schema.additionalProperties;
  if (extra !== undefined && extra !== false) {
    const names = schema.propertyNames as JsonSchema | undefined;
    const keyType = names && Array.isArray(names.enum) ? names.enum.map(literal).join(" | ") : "string";
    const valueType = toTs(extra as JsonSchema | boolean, inner);
    if (!lines.length)
      return keyType === "string" ? `Record<string, ${valueType}>` : `Partial<Record<${keyType}, ${valueType}>>`;
    lines.push(`${inner}[key: string]: unknown;`);
  }
  return lines.length ? `{\n${lines.join("\n")}\n${indent}}` : "Record<string, never>";
}
