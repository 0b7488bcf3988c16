import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createSchemaComponents } from "../../../server/lib/schema-components.js";
import { toTs } from "../scripts/json-schema-to-ts.js";

const ts = (schema: z.ZodType) =>
  toTs(z.toJSONSchema(schema, { io: "input" }) as Record<string, unknown>).replace(/\s+/g, " ");

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

  // Issue #19 item 7: an array of object variants printed as `{ a } | { b }[]`, i.e. "a, or an array of b".
  it("parenthesizes a union of objects under an array", () => {
    const variants = z.array(z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]));
    expect(ts(variants)).toBe("({ a: string; } | { b: number; })[]");
    expect(ts(z.array(z.object({ "a|b": z.literal('x"|') })))).toBe('{ "a|b": "x\\"|"; }[]');
  });

  it("names a registered view once and refers to it, keeping an input that differs apart", () => {
    const View = z
      .object({ id: z.string(), tries: z.number().default(0) })
      .meta({ id: "Thing", description: "A thing" });
    const components = createSchemaComponents();
    const list = components.toJson(z.array(View), "output");
    expect(toTs(list)).toBe("Thing[]");
    expect(toTs(components.toJson(z.object({ one: View }), "output")).replace(/\s+/g, " ")).toBe("{ one: Thing; }");
    // In a request `tries` is optional: not the same type, so it gets a name of its own.
    expect(toTs(components.toJson(View, "input"))).toBe("ThingInput");
    expect(Object.keys(components.schemas).sort()).toEqual(["Thing", "ThingInput"]);
    expect(components.schemas.Thing).toMatchObject({ description: "A thing", required: ["id", "tries"] });
    const Other = z.object({ id: z.number() }).meta({ id: "Thing2" });
    expect(() =>
      components.toJson(z.object({ id: z.number(), more: z.string() }).meta({ id: "Thing2" }), "output"),
    ).not.toThrow();
    expect(() => components.toJson(Other, "output")).toThrow(/two different schemas are named "Thing2"/);
  });
});
