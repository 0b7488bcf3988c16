import type { Contact } from "../contacts/schema.js";

/** What `{{…}}` placeholders in automation texts can read. */
export interface VariableScope {
  variables?: Record<string, string>;
  contact?: Pick<Contact, "name" | "phone" | "fields" | "tags">;
}

const SLOT = /\{\{\s*([\w.]+)(?:\s*\|([^{}]*))?\s*\}\}/g;

/**
 * Fills `{{var}}`, `{{reply}}`, `{{name}}`, `{{firstName}}`, `{{phone}}`, `{{custom.x}}` / `{{field.x}}`;
 * `{{x|fallback}}` when empty. Unknown names render empty, so a flow never sends a literal `{{…}}`.
 */
export function interpolate(text: string, scope: VariableScope): string {
  return text.replace(
    SLOT,
    (_, path: string, fallback?: string) => lookupVariable(path, scope) || (fallback?.trim() ?? ""),
  );
}

export function lookupVariable(path: string, { variables = {}, contact }: VariableScope): string {
  if (Object.hasOwn(variables, path)) return variables[path]!;
  if (path === "name") return contact?.name ?? "";
  if (path === "firstName") return contact?.name?.trim().split(/\s+/)[0] ?? "";
  if (path === "phone") return contact?.phone ?? "";
  if (path === "tags") return contact?.tags.join(",") ?? "";
  const field = /^(?:custom|field)\.(\w+)$/.exec(path)?.[1];
  return field ? (contact?.fields[field] ?? "") : "";
}
