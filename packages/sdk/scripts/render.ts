import type { z } from "zod";
import type { Operation } from "../../../server/lib/operation.js";
import { createSchemaComponents, type SchemaComponents } from "../../../server/lib/schema-components.js";
import { toTs, type JsonSchema } from "./json-schema-to-ts.js";

export const GENERATE_COMMAND = "npx -y pnpm@10 --filter @multiwa/sdk generate";

/** The source of `src/generated/operations.ts`: the operation table and its request/response types. */
export function renderOperations(operations: Operation[]): string {
  const ctx = createSchemaComponents();
  // Outputs first, so an input that equals a named view shares its name.
  for (const op of operations) if (op.response) ctx.toJson(op.response, "output");
  const types: string[] = [];
  const table: string[] = [];
  const map: string[] = [];
  // Sorted: module namespaces list exports in a different order under tsx and vitest.
  const sorted = [...operations].sort((a, b) => a.tag.localeCompare(b.tag) || a.id.localeCompare(b.id));
  for (const op of sorted) {
    const name = op.id[0]!.toUpperCase() + op.id.slice(1);
    const parts: string[] = [];
    let optional = true;
    if (op.params) {
      types.push(alias(`${name}Params`, schemaOf(op.params, "input", ctx), `Path parameters of \`${op.id}\`.`));
      parts.push(`${name}Params`);
      optional = false;
    }
    if (op.query) {
      const json = schemaOf(op.query, "input", ctx);
      const required = ((json.required as string[] | undefined) ?? []).length > 0;
      types.push(alias(`${name}Query`, json, `Query of \`${op.id}\`.`));
      parts.push(`{ query${required ? "" : "?"}: ${name}Query }`);
      if (required) optional = false;
    }
    if (op.body) {
      types.push(alias(`${name}Body`, schemaOf(op.body, "input", ctx), `Request body of \`${op.id}\`.`));
      // Upload operations also take the multipart form (`file` plus the flat fields).
      const form = op.bodyTypes?.includes("multipart/form-data") ? " | FormData" : "";
      parts.push(`{ body: ${name}Body${form} }`);
      optional = false;
    }
    let response = "Response";
    if (op.status === 204) response = "void";
    else if (op.response) {
      types.push(alias(`${name}Response`, schemaOf(op.response, "output", ctx), `Response of \`${op.id}\`.`));
      response = `${name}Response`;
    }
    const input = parts.length ? parts.join(" & ") : "Record<string, never>";
    map.push(`  ${op.id}: { input: ${input}; inputOptional: ${optional}; response: ${response} };`);
    const meta = {
      method: op.method.toUpperCase(),
      path: op.path,
      ...(op.permission ? { permission: op.permission } : {}),
      ...(op.produces ? { produces: op.produces } : {}),
      ...(op.status ? { status: op.status } : {}),
    };
    table.push(
      `  /** ${op.summary.replace(/\*\//g, "* /")} */\n  ${op.id}: { ${Object.entries(meta)
        .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
        .join(", ")} },`,
    );
  }
  const named = Object.entries(ctx.schemas)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([n, json]) => alias(n, json, typeof json.description === "string" ? json.description : `The \`${n}\` view.`));
  return [
    `// Generated from server/lib/ops by \`${GENERATE_COMMAND}\`. Do not edit: a test fails when it drifts.`,
    "/* eslint-disable */",
    "",
    'export interface OperationMeta {\n  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";\n  path: string;\n  permission?: string;\n  produces?: string;\n  status?: number;\n}',
    "",
    "/** Every REST operation of the gateway, by operation id. */",
    `export const operations = {\n${table.join("\n")}\n} as const satisfies Record<string, OperationMeta>;`,
    "",
    "/** Input (path parameters flat, `query`, `body`) and response type of each operation. */",
    `export interface Operations {\n${map.join("\n")}\n}`,
    "",
    "// Named views, shared by the operations below (`.meta({ id })` on the server's schemas).",
    "",
    ...named.flatMap((t) => [t, ""]),
    ...types.flatMap((t) => [t, ""]),
  ].join("\n");
}

// --- Internal helpers ---

function schemaOf(schema: z.ZodType, io: "input" | "output", ctx: SchemaComponents): JsonSchema {
  return ctx.toJson(schema, io);
}

function alias(name: string, schema: JsonSchema, doc: string): string {
  return `/** ${doc.replace(/\*\//g, "* /")} */\nexport type ${name} = ${toTs(schema)};`;
}
