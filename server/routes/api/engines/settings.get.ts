import { z } from "zod";
import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";

// From each engine's own zod schema, so the form cannot drift from what profile creation validates.
export default defineApiHandler(profiles.engineSettings, ({ wa }) =>
  Object.fromEntries(
    Object.entries(wa.engines).map(([name, engine]) => {
      if (!engine.settingsSchema) return [name, null];
      const { $schema: _drop, ...schema } = z.toJSONSchema(engine.settingsSchema, { io: "input" }) as Record<
        string,
        unknown
      >;
      return [name, schema];
    }),
  ),
);
