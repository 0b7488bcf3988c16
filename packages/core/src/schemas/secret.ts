import { z } from "zod";

/** What a secret's value is replaced with wherever it would be kept or shown. */
export const REDACTED = "[redacted]";

/**
 * Declares a field secret (an API key, password, signing secret, token): write-only in OpenAPI, and
 * redacted by `redactSecrets` from audit entries, logs, webhook payloads and error details.
 */
export function secret<T extends z.ZodType>(schema: T): T {
  return schema.meta({ writeOnly: true, "x-secret": true }) as T;
}

export function isSecret(schema: z.ZodType): boolean {
  return z.globalRegistry.get(schema)?.["x-secret"] === true;
}

/** A copy of `value` with every field its schema declares secret replaced by `REDACTED`. */
export function redactSecrets(schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema || value === undefined || value === null) return value;
  if (isSecret(schema)) return REDACTED;
  const def = (schema as unknown as { _zod: { def: _Def } })._zod.def;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
    case "success":
      return redactSecrets(def.innerType, value);
    case "pipe":
      return redactSecrets(def.in, value);
    case "lazy":
      return redactSecrets(def.getter!(), value);
    case "union":
      // The value matches one option or another: every option's secrets are removed.
      return (def.options ?? []).reduce<unknown>((v, option) => redactSecrets(option, v), value);
    case "intersection":
      return redactSecrets(def.right, redactSecrets(def.left, value));
    case "array":
      return Array.isArray(value) ? value.map((v) => redactSecrets(def.element, v)) : value;
    case "record":
      return _plain(value) ? _mapValues(value, () => def.valueType) : value;
    case "object":
      return _plain(value) ? _mapValues(value, (k) => def.shape?.[k] ?? def.catchall) : value;
    default:
      return value;
  }
}

// --- Internal helpers ---

interface _Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  getter?: () => z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
}

function _plain(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function _mapValues(
  value: Record<string, unknown>,
  schemaOf: (key: string) => z.ZodType | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactSecrets(schemaOf(k), v);
  return out;
}
