import { readMultipartFormData, type H3Event } from "h3";
import { parseJsonText } from "./body.js";
import { apiError } from "./errors.js";

/**
 * Multipart form → plain object: text fields as strings (JSON-looking ones parsed), the `file`
 * part as `{ media: { base64 }, mimetype, fileName }`, so the same schema validates both forms.
 */
export async function readMultipart(event: H3Event): Promise<Record<string, unknown>> {
  const parts = await readMultipartFormData(event).catch((error: { statusCode?: number }) => {
    if (error.statusCode === 413) throw error;
    throw apiError(400, { code: "MALFORMED_MULTIPART", message: "The multipart body could not be read" });
  });
  const form: Record<string, unknown> = {};
  for (const part of parts ?? []) {
    if (!part.name) continue;
    if (part.filename !== undefined || part.name === "file") {
      form.media = { base64: Buffer.from(part.data).toString("base64") };
      if (part.type && !form.mimetype) form.mimetype = part.type;
      if (part.filename) form.fileName ??= part.filename;
      continue;
    }
    form[part.name] = parseField(part.name, part.data.toString("utf8"));
  }
  return form;
}

const NUMERIC = new Set(["latitude", "longitude", "selectableCount"]);

function parseField(name: string, value: string): unknown {
  const trimmed = value.trim();
  if (trimmed === "true" || trimmed === "false") return trimmed === "true";
  if (/^[[{]/.test(trimmed)) {
    try {
      return parseJsonText(trimmed, name);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode) throw error; // too deep
      return value;
    }
  }
  // Only named numeric fields: a phone number in `to` must stay a string.
  if (NUMERIC.has(name) && /^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return value;
}
