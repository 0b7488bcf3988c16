import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toTs } from "../scripts/json-schema-to-ts.js";

const ts = (schema: z.ZodType) =>
  toTs(z.toJSONSchema(schema, { io: "input" }) as Record<string, unknown>, { defs: new Map() }).replace(/\s+/g, " ");

describe("JSON Schema to TypeScript", () => {
  it("emits objects with optional fields, unions, literals, arrays and records", () => {
    expect(ts(z.object({ a: z.string(), b: z.number().optional() }))).toBe("{ a: string; b?: number; }");
    expect(ts(z.union([z.literal("x"), z.enum(["y", "z"])]))).toBe('"x" | "y" | "z"');
    expect(ts(z.array(z.union([z.string(), z.boolean()])))).toBe("(string | boolean)[]");
    expect(ts(z.record(z.string(), z.number()))).toBe("Record<string, number>");
    expect(ts(z.string().nullable())).toBe("string | null");
    expect(ts(z.object({ "with-dash": z.boolean() }).loose())).toBe(
      '{ "with-dash": boolean; [key: string]: unknown; }',
    );
  });
});
