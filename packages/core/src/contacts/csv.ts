import { MultiWAError } from "../errors.js";

/** One CSV record and the line it starts on (1-based, header included), for error reports. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 parser: quoted fields may hold commas, CR/LF and doubled quotes; LF or CRLF ends a
 * record; a BOM is ignored; blank lines are skipped. Malformed quoting fails with its line number.
 */
export function parseCsv(text: string, delimiter = ","): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let start = 1;
  let quoted = false;
  let wasQuoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    fields.push(field);
    field = "";
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (fields.length > 1 || fields[0] !== "") records.push({ line: start, fields });
    fields = [];
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') ((field += '"'), i++);
        else quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"') {
      if (field !== "" || wasQuoted) throw malformed(line, "a quote may only open a field");
      quoted = wasQuoted = true;
    } else if (c === delimiter) {
      endField();
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      start = ++line;
    } else {
      if (wasQuoted) throw malformed(line, "text after a closing quote");
      field += c;
    }
  }
  if (quoted) throw malformed(start, "a quoted field is never closed");
  endRecord();
  return records;
}

/** Writes records as RFC 4180 CSV with CRLF line ends, quoting only where needed. */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

function csvField(value: unknown): string {
  const text = value === undefined || value === null ? "" : String(value);
  // A leading = + - @ would run as a formula in spreadsheets; a quote-prefixed tab is the usual guard.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d[\d\s]*$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function malformed(line: number, reason: string): MultiWAError {
  return new MultiWAError("VALIDATION_FAILED", `Malformed CSV at line ${line}: ${reason}`, {
    scope: "csv",
    details: {
      rows: 0,
      badLines: 1,
      errors: [{ line, message: reason }],
      issues: [{ field: `line ${line}`, message: reason, line }],
    },
  });
}
