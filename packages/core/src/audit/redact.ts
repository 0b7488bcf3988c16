import { REDACTED } from "../schemas/secret.js";

/** Names that hold secrets by convention, redacted even where no schema declared them (old entries, free-form data). */
const SECRET_NAME =
  /pass(word|phrase)?$|secret|token|api[-_]?key|authorization|cookie|credential|private[-_]?key|base64/i;
const MAX_DEPTH = 4;
const MAX_STRING = 200;
const MAX_ITEMS = 20;

/**
 * What an audit entry keeps of a request body: secret-named fields redacted (the caller removes
 * schema-declared ones first with `redactSecrets`), strings and lists clipped, depth bounded.
 */
export function auditSummary(value: unknown, depth = 0): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return { value: _clip(value, depth) };
  return _object(value as Record<string, unknown>, depth);
}

// --- Internal helpers ---

function _object(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value).slice(0, 50))
    out[k.slice(0, 100)] = SECRET_NAME.test(k) && v !== undefined && v !== null ? REDACTED : _clip(v, depth + 1);
  return out;
}

function _clip(v: unknown, depth: number): unknown {
  if (typeof v === "string") return v.length > MAX_STRING ? `${v.slice(0, MAX_STRING)}…` : v;
  if (v === null || typeof v !== "object") return v;
  if (depth >= MAX_DEPTH) return "[…]";
  if (Array.isArray(v))
    return v.length > MAX_ITEMS
      ? [...v.slice(0, MAX_ITEMS).map((x) => _clip(x, depth + 1)), `…${v.length - MAX_ITEMS} more`]
      : v.map((x) => _clip(x, depth + 1));
  return _object(v as Record<string, unknown>, depth);
}
