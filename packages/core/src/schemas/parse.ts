import type { z } from "zod";
import { MultiWAError } from "../errors.js";

/** Validates with a schema and turns the first problems into one error naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "input"): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  // Bounded: a huge or deeply wrong input must not make a huge error (5 MB in, never megabytes out).
  const issues = result.error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    field: _clip(issue.path.length ? issue.path.join(".") : what),
    message: _clip(issue.message),
    // Machine-readable, so a client can word the problem in its user's language.
    code: issue.code,
    ..._limit(issue),
  }));
  const summary = issues
    .slice(0, 5)
    .map((i) => `\`${i.field}\` ${i.message}`)
    .join("; ");
  const more = result.error.issues.length - issues.length;
  throw new MultiWAError("VALIDATION_FAILED", `Invalid ${what}: ${summary}`, {
    details: { issues, ...(more > 0 ? { moreIssues: more } : {}) },
  });
}

const MAX_ISSUES = 20;

function _clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

// --- Internal helpers ---

function _limit(issue: z.core.$ZodIssue): { limit?: number; origin?: string; format?: string } {
  if (issue.code === "too_small") return { limit: Number(issue.minimum), origin: issue.origin };
  if (issue.code === "too_big") return { limit: Number(issue.maximum), origin: issue.origin };
  if (issue.code === "invalid_format") return { format: issue.format };
  return {};
}
