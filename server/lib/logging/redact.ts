// What a log line must never carry, at any depth: credentials, signing secrets, AI keys, and media bytes.
const SECRET_KEY =
  /^(?:api[-_]?key|x-api-key|key|token|access[-_]?token|refresh[-_]?token|secret|webhook[-_]?secret|password|authorization|cookie|set-cookie|signature|x-multiwa-signature|private|private[-_]?key|priv[-_]?key|noise[-_]?key|signed[-_]?pre[-_]?key|adv[-_]?secret[-_]?key|creds|ai[-_]?key)$/i;
const BYTES_KEY = /^(?:data|base64|buffer|bytes|media|thumbnail|jpeg[-_]?thumbnail)$/i;
export const REDACTED = "[redacted]";
const MAX_DEPTH = 8;

/** A copy of `value` safe to log: secret-named fields redacted, binary data and base64 media reduced to their size. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (isBytes(value)) return `[${byteLength(value)} bytes]`;
  if (depth >= MAX_DEPTH) return "[nested]";
  if (value instanceof Error)
    return {
      type: value.name,
      message: value.message,
      ...(value.stack ? { stack: value.stack } : {}),
      ...redactFields(value as unknown as Record<string, unknown>, depth),
    };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return redactFields(value as Record<string, unknown>, depth);
}

function redactFields(object: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(object)) {
    if (SECRET_KEY.test(key)) out[key] = v == null ? v : REDACTED;
    else if (BYTES_KEY.test(key) && typeof v === "string" && v.length > 64) out[key] = `[${v.length} chars]`;
    else out[key] = redact(v, depth + 1);
  }
  return out;
}

const isBytes = (v: object): v is ArrayBufferView | ArrayBuffer => ArrayBuffer.isView(v) || v instanceof ArrayBuffer;
const byteLength = (v: ArrayBufferView | ArrayBuffer) => v.byteLength;
