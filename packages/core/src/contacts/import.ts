import { z } from "zod";
import { isMultiWAError, MultiWAError } from "../errors.js";
import { normalizeUserJid, toJid } from "../jid.js";
import { parseCsv, toCsv } from "./csv.js";
import { FieldKeySchema, TagSchema, type Contact } from "./schema.js";

/** Where a CSV column goes: a contact property, `custom.<key>`, or `ignore`. */
export const ColumnTargetSchema = z.union([
  z.enum(["phone", "name", "tags", "optOut", "ignore"]),
  z
    .string()
    .regex(/^custom\.[A-Za-z_][A-Za-z0-9_]{0,63}$/, "must be phone, name, tags, optOut, ignore or custom.<key>"),
]);

export const CsvImportOptionsSchema = z.object({
  /** Header → target; unmapped headers are guessed (phone/number/mobile, name, tags, opt_out; others become custom fields). */
  mapping: z.record(z.string(), ColumnTargetSchema).optional(),
  /** Tags added to every imported contact. */
  tags: z.array(TagSchema).max(20).default([]),
  /** Validate and report without writing anything. */
  dryRun: z.boolean().default(false),
});
export type CsvImportOptions = z.input<typeof CsvImportOptionsSchema>;

export interface CsvRowError {
  line: number;
  column?: string;
  message: string;
}

export type ImportedContact = Omit<Contact, "id" | "workspaceId" | "createdAt" | "updatedAt">;

const MAX_ERRORS = 200;
const GUESSES: Record<string, string> = {
  phone: "phone",
  phonenumber: "phone",
  number: "phone",
  mobile: "phone",
  whatsapp: "phone",
  msisdn: "phone",
  jid: "phone",
  name: "name",
  fullname: "name",
  displayname: "name",
  tags: "tags",
  labels: "tags",
  optout: "optOut",
  optedout: "optOut",
  unsubscribed: "optOut",
  id: "ignore",
  firstseen: "ignore",
  lastseen: "ignore",
  createdat: "ignore",
  updatedat: "ignore",
};

/**
 * Parses and validates a whole CSV of contacts. Either every row is valid and the contacts are
 * returned, or a VALIDATION_FAILED error lists each bad row by line: nothing is half-imported.
 */
export function contactsFromCsv(text: string, options: z.output<typeof CsvImportOptionsSchema>): ImportedContact[] {
  const records = parseCsv(text);
  const header = records.shift();
  if (!header)
    throw report([{ line: 1, message: "the file is empty; expected a header row such as `phone,name,tags`" }], 0);
  const targets = header.fields.map((h) => target(h, options.mapping));
  const errors: CsvRowError[] = [];
  targets.forEach(
    (t, i) => t instanceof Error && errors.push({ line: header.line, column: header.fields[i], message: t.message }),
  );
  if (!targets.includes("phone"))
    errors.push({ line: header.line, message: "no column maps to `phone`; name it phone or pass a mapping" });
  if (errors.length) throw report(errors, records.length);
  const seen = new Map<string, number>();
  const contacts: ImportedContact[] = [];
  for (const { line, fields } of records) {
    if (fields.length !== targets.length) {
      errors.push({ line, message: `expected ${targets.length} fields as in the header, got ${fields.length}` });
      continue;
    }
    const rowErrors: CsvRowError[] = [];
    const contact: ImportedContact = { jid: "", tags: [...options.tags], fields: {}, optOut: false };
    fields.forEach((raw, i) => {
      const t = targets[i] as string;
      const value = raw.trim();
      const fail = (message: string) => rowErrors.push({ line, column: header.fields[i]!, message });
      if (t === "phone") {
        const jid = phoneJid(value);
        if (typeof jid === "string") ((contact.jid = jid), (contact.phone = jid.split("@")[0]!));
        else fail(jid.message);
      } else if (t === "name") {
        if (value.length > 200) fail("name is longer than 200 characters");
        else if (value) contact.name = value;
      } else if (t === "tags") {
        for (const tag of value
          .split(/[;|]/)
          .map((s) => s.trim())
          .filter(Boolean)) {
          if (TagSchema.safeParse(tag).success) contact.tags.push(tag);
          else fail(`tag ${JSON.stringify(tag)} must be 1-64 letters, digits, _ . : or -`);
        }
      } else if (t === "optOut") {
        const flag = parseFlag(value);
        if (flag === undefined) fail(`expected true/false, yes/no or 1/0, got ${JSON.stringify(value)}`);
        else contact.optOut = flag;
      } else if (t.startsWith("custom.")) {
        if (value.length > 2000) fail("value is longer than 2000 characters");
        else if (value) contact.fields[t.slice(7)] = value;
      }
    });
    if (!rowErrors.length && contact.jid) {
      const first = seen.get(contact.jid);
      if (first) rowErrors.push({ line, message: `duplicate of line ${first} (same phone)` });
      else seen.set(contact.jid, line);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else contacts.push({ ...contact, tags: [...new Set(contact.tags)] });
  }
  if (errors.length) throw report(errors, records.length);
  return contacts;
}

/** Contacts as CSV: phone, name, tags (`;`-separated), opt_out, first/last seen, then one `custom.<key>` column per field. */
export function contactsToCsv(contacts: readonly Contact[]): string {
  const keys = [...new Set(contacts.flatMap((c) => Object.keys(c.fields)))].sort();
  const iso = (t?: number) => (t ? new Date(t).toISOString() : "");
  return toCsv([
    ["phone", "name", "tags", "opt_out", "first_seen", "last_seen", ...keys.map((k) => `custom.${k}`)],
    ...contacts.map((c) => [
      c.phone ?? c.jid,
      c.name,
      c.tags.join(";"),
      c.optOut,
      iso(c.firstSeenAt),
      iso(c.lastSeenAt),
      ...keys.map((k) => c.fields[k]),
    ]),
  ]);
}

// --- Internal helpers ---

function target(header: string, mapping: Record<string, string> | undefined): string | Error {
  const explicit = mapping?.[header] ?? mapping?.[header.trim()];
  if (explicit) return explicit;
  const name = header.trim();
  if (/^custom\./i.test(name)) {
    const key = name.slice(7);
    return FieldKeySchema.safeParse(key).success
      ? `custom.${key}`
      : new Error(`custom field name ${JSON.stringify(key)} must be an identifier`);
  }
  const guess = GUESSES[name.toLowerCase().replace(/[\s_.-]/g, "")];
  if (guess) return guess;
  const key = name.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  if (FieldKeySchema.safeParse(key).success) return `custom.${key}`;
  return new Error(`cannot use column ${JSON.stringify(header)} as a field; map it with \`mapping\``);
}

function phoneJid(value: string): string | Error {
  if (!value) return new Error("phone is empty");
  try {
    const jid = normalizeUserJid(toJid(value, "phone"));
    return jid.endsWith("@s.whatsapp.net") ? jid : new Error(`${JSON.stringify(value)} is not a person's phone number`);
  } catch (error) {
    return new Error(isMultiWAError(error) ? error.message.replace(/^\[multiwa\] (\[[^\]]+\] )?/, "") : String(error));
  }
}

function parseFlag(value: string): boolean | undefined {
  const v = value.toLowerCase();
  if (["", "false", "no", "0", "n"].includes(v)) return false;
  if (["true", "yes", "1", "y"].includes(v)) return true;
  return undefined;
}

function report(errors: CsvRowError[], rows: number): MultiWAError {
  const lines = [...new Set(errors.map((e) => e.line))];
  const summary = errors
    .slice(0, 3)
    .map((e) => `line ${e.line}${e.column ? ` (${e.column})` : ""}: ${e.message}`)
    .join("; ");
  return new MultiWAError(
    "VALIDATION_FAILED",
    `CSV rejected, nothing imported: ${lines.length} bad line(s) of ${rows}. ${summary}`,
    {
      scope: "csv",
      details: {
        rows,
        badLines: lines.length,
        errors: errors.slice(0, MAX_ERRORS),
        issues: errors.slice(0, MAX_ERRORS).map((e) => ({ field: `line ${e.line}`, message: e.message, line: e.line })),
      },
    },
  );
}
