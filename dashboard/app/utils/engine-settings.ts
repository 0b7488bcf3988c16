import type { EngineSettings } from "@multiwa/sdk";

/** An engine's settings form (strings by field) as its schema's types; empty optional fields are left out. */
export function typedEngineSettings(
  schema: NonNullable<EngineSettings[string]>,
  values: Record<string, string>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v !== "" && v !== undefined)
      .map(([k, v]) => [k, schema.properties[k]?.type === "integer" ? Number(v) : String(v).trim()]),
  );
}
