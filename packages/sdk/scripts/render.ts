import { z } from "zod";
import type { Operation } from "../../../server/lib/operation.js";
import { collectDefs, toTs, type EmitContext, type JsonSchema } from "./json-schema-to-ts.js";

export const GENERATE_COMMAND = "npx -y pnpm@10 --filter @multiwa/sdk generate";

/** The source of `src/generated/operations.ts`: the operation table and its request/response types. */
export function renderOperations(operations: Operation[]): string {
  const ctx: EmitContext = { defs: new Map() };
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
      types.push(alias(`${name}Params`, schemaOf(op.params, "input", ctx), ctx, `Path parameters of \`${op.id}\`.`));
      parts.push(`${name}Params`);
      optional = false;
    }
    if (op.query) {
      const json = schemaOf(op.query, "input", ctx);
      const required = ((json.required as string[] | undefined) ?? []).length > 0;
      types.push(alias(`${name}Query`, json, ctx, `Query of \`${op.id}\`.`));
      parts.push(`{ query${required ? "" : "?"}: ${name}Query }`);
      if (required) optional = false;
    }
    if (op.body) {
      types.push(alias(`${name}Body`, schemaOf(op.body, "input", ctx), ctx, `Request body of \`${op.id}\`.`));
      parts.push(`{ body: ${name}Body }`);
      optional = false;
    }
    let response = "Response";
    if (op.status === 204) response = "void";
    else if (op.response) {
      types.push(alias(`${name}Response`, schemaOf(op.response, "output", ctx), ctx, `Response of \`${op.id}\`.`));
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
  const defs = [...ctx.defs].map(([n, t]) => `export type Def_${n.replace(/\W/g, "_")} = ${t};`);
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
    ...defs,
    ...(defs.length ? [""] : []),
    ...types.flatMap((t) => [t, ""]),
  ].join("\n");
}

// --- Internal helpers ---

function schemaOf(schema: z.ZodType, io: "input" | "output", ctx: EmitContext): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  collectDefs(json, ctx);
  return json;
}

function alias(name: string, schema: JsonSchema, ctx: EmitContext, doc: string): string {
  return `/** ${doc} */\nexport type ${name} = ${toTs(schema, ctx)};`;
}
