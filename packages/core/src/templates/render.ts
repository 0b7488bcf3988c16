import { MultiWAError } from "../errors.js";

/** What a template can personalise with: `{{name}}`, `{{firstName}}`, `{{phone}}`, `{{custom.<key>}}`. */
export const BUILTIN_VARIABLES = ["name", "firstName", "phone"] as const;

/** A compiled template body: literal text and variable slots, each with an optional inline default (`{{name|friend}}`). */
export type Segment = string | { path: string; fallback?: string };

/** The data a template is rendered with (a contact, or a CSV row). */
export interface RenderData {
  name?: string;
  phone?: string;
  fields?: Record<string, string>;
}

const SLOT = /\{\{([^{}]*)\}\}/g;
const PATH = /^(name|firstName|phone|custom\.[A-Za-z_][A-Za-z0-9_]{0,63})$/;

export function isVariablePath(path: string): boolean {
  return PATH.test(path);
}

/** Parses a body; unknown variables and stray braces are a VALIDATION_FAILED naming each one. */
export function compileTemplate(body: string, field = "body"): Segment[] {
  const segments: Segment[] = [];
  // Each problem carries a code and the variable, so a client can word it in its user's language.
  const problems: { message: string; code: string; variable?: string }[] = [];
  let last = 0;
  for (const match of body.matchAll(SLOT)) {
    if (match.index > last) segments.push(body.slice(last, match.index));
    const [rawPath, ...rest] = match[1]!.split("|");
    const path = rawPath!.trim();
    if (!isVariablePath(path)) {
      const message = `unknown variable {{${path}}}; use ${BUILTIN_VARIABLES.map((v) => `{{${v}}}`).join(", ")} or {{custom.<field>}}`;
      problems.push({ message, code: "unknown_variable", variable: path });
    }
    segments.push(rest.length ? { path, fallback: rest.join("|").trim() } : { path });
    last = match.index + match[0].length;
  }
  const tail = body.slice(last);
  if (tail) segments.push(tail);
  for (const s of segments)
    if (typeof s === "string" && /\{\{|\}\}/.test(s))
      problems.push({ message: "unbalanced `{{` or `}}`", code: "unbalanced_braces" });
  if (problems.length) {
    const summary = problems.map((p) => p.message).join("; ");
    throw new MultiWAError("VALIDATION_FAILED", `Invalid template ${field}: ${summary}`, {
      details: { field, issues: problems.map((p) => ({ field, ...p })) },
    });
  }
  return segments;
}

/** The variables a body uses, in order of first use. */
export function templateVariables(segments: Segment[]): string[] {
  return [...new Set(segments.flatMap((s) => (typeof s === "string" ? [] : [s.path])))];
}

/**
 * Fills the slots: the contact's value, else the inline default, else the template's `defaults`;
 * a slot with none of these renders empty and is listed in `missing`.
 */
export function renderSegments(
  segments: Segment[],
  data: RenderData,
  defaults: Record<string, string> = {},
): { text: string; missing: string[] } {
  let text = "";
  const missing: string[] = [];
  for (const s of segments) {
    if (typeof s === "string") {
      text += s;
      continue;
    }
    const value = lookup(s.path, data) || s.fallback || defaults[s.path];
    if (value) text += value;
    else missing.push(s.path);
  }
  return { text, missing };
}

function lookup(path: string, data: RenderData): string | undefined {
  if (path === "name") return data.name;
  if (path === "firstName") return data.name?.trim().split(/\s+/)[0];
  if (path === "phone") return data.phone;
  return data.fields?.[path.slice(7)];
}
