import { z } from "zod";
import type { Operation } from "./operation.js";
import { operations } from "./ops/index.js";
import { createSchemaComponents, type SchemaComponents } from "./schema-components.js";
import { ErrorBody } from "./schemas.js";

type Json = Record<string, unknown>;
type ToJson = (s: z.ZodType, io: "input" | "output") => Json;

/** OpenAPI 3.1 built from the same zod schemas the core and the routes validate with. */
export function buildOpenApi(version = "0.1.0"): Json {
  const components: SchemaComponents = createSchemaComponents();
  // Outputs first, so an input that equals a named view shares its name (schema-components.ts).
  for (const op of operations) if (op.response) components.toJson(op.response, "output");
  const schema: ToJson = (s, io) => components.toJson(s, io);
  const paths: Record<string, Json> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operation(op, schema);
  return {
    openapi: "3.1.0",
    info: {
      title: "MultiWA gateway API",
      version,
      description: "Self-hosted WhatsApp gateway. Authenticate with the `X-API-Key` header.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { apiKey: { type: "apiKey", in: "header", name: "X-API-Key" } },
      schemas: { ...sortKeys(components.schemas), Error: components.toJson(ErrorBody, "output") },
    },
    security: [{ apiKey: [] }],
    paths,
  };
}

function operation(op: Operation, schema: ToJson): Json {
  const parameters = [...fields(op.params, "path", schema), ...fields(op.query, "query", schema)];
  const ok = String(op.status ?? 200);
  const content: Json = {};
  if (op.response) content["application/json"] = { schema: schema(op.response, "output") };
  if (op.produces)
    content[op.produces] =
      op.produces === "image/png" ? { schema: { type: "string", format: "binary" } } : { schema: { type: "string" } };
  const error = (description: string) => ({
    description,
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  });
  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.permission ? { "x-permission": op.permission } : {}),
    ...(op.public ? { "x-public": op.public, security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: bodyContent(op, schema) } } : {}),
    responses: {
      [ok]: { description: "OK", ...(Object.keys(content).length && ok !== "204" ? { content } : {}) },
      "401": error("Missing or invalid API key"),
      "403": error("The key lacks the permission"),
      ...(op.params ? { "404": error("Not found") } : {}),
      ...(op.body || op.query ? { "422": error("Invalid input; `field` names the offending field") } : {}),
      "429": error("Rate limited"),
    },
  };
}

function bodyContent(op: Operation, schema: ToJson): Json {
  const json = schema(op.body!, "input");
  const content: Json = { "application/json": { schema: json } };
  for (const type of op.bodyTypes ?? [])
    content[type] = {
      schema: {
        type: "object",
        description: "Form fields as in the JSON body (flat: `to`, `type`, content fields), plus a `file` part",
      },
    };
  return content;
}

function fields(s: z.ZodType | undefined, where: "path" | "query", schema: ToJson): Json[] {
  if (!s) return [];
  const json = schema(s, "input") as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    schema: prop,
  }));
}

function sortKeys(record: Record<string, Json>): Record<string, Json> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
