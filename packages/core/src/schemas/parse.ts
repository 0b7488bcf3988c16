import type { z } from "zod";
import { MultiWAError } from "../errors.js";

/** Validates with a schema and turns the first problems into one error naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "input"): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join(".") : what,
    message: issue.message,
  }));
  const summary = issues.slice(0, 5).map((i) => `\`${i.field}\` ${i.message}`).join("; ");
  throw new MultiWAError("VALIDATION_FAILED", `Invalid ${what}: ${summary}`, { details: { issues } });
}
