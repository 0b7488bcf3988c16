import { MultiWAApiError } from "@multiwa/sdk";
import { apiBase } from "./api";

interface Issue {
  field: string;
  message: string;
  code?: string;
  limit?: number;
  variable?: string;
  origin?: string;
  format?: string;
}

/**
 * A readable message for any thrown value, in the dashboard's language: the gateway's error `code`
 * picks a translation (`errors.<CODE>`, which may use the error's details), validation problems are
 * worded from their zod issue codes; a code the dashboard does not know keeps the gateway's message.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof MultiWAApiError) {
    if (error.code === "VALIDATION_FAILED" && Array.isArray(error.details?.issues))
      return _issues(error.details.issues as Issue[], error.message);
    const key = `errors.${error.code}`;
    // The SDK's network failure names no origin: it is the gateway this dashboard talks to.
    const params = { origin: _origin(), ..._primitives(error.details) };
    const text = hasTranslation(key) ? tr(key, params) : error.message;
    return error.field ? tr("errors.withField", { message: text, field: error.field }) : text;
  }
  // The core's own errors (the template renderer runs in the page) carry the same issues.
  const details = (error as { code?: string; details?: { issues?: unknown } } | null)?.details;
  if ((error as { code?: string })?.code === "VALIDATION_FAILED" && Array.isArray(details?.issues))
    return _issues(details.issues as Issue[], String((error as Error).message));
  return error instanceof Error ? error.message : String(error);
}

// --- Internal helpers ---

const BUILTINS = ["name", "firstName", "phone"].map((v) => `{{${v}}}`).join(", ");

function _issues(issues: Issue[], fallback: string): string {
  const words = issues.slice(0, 3).map((issue) => {
    const problem = _problem(issue);
    return problem === null
      ? `${issue.field}: ${issue.message}`
      : tr("validation.issue", { field: issue.field, problem });
  });
  return words.join("; ") || fallback;
}

function _problem(issue: Issue): string | null {
  const base = `validation.${issue.code}`;
  for (const key of [`${base}.${issue.origin ?? issue.format ?? "other"}`, `${base}.other`, base]) {
    if (!hasTranslation(key)) continue;
    const params = {
      limit: issue.limit ?? "",
      variable: `{{${issue.variable ?? ""}}}`,
      builtins: BUILTINS,
      custom: "{{custom.<field>}}",
    };
    return tr(key, params, issue.limit ?? 1);
  }
  return null;
}

function _origin(): string {
  try {
    return new URL(apiBase()).origin;
  } catch {
    return apiBase();
  }
}

function _primitives(details: Record<string, unknown> = {}): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(details))
    if (typeof value === "string" || typeof value === "number") out[name] = value;
  return out;
}
