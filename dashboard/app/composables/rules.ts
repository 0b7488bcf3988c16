import type { CreateRuleInput, Rule, RuleAction, RuleCondition, RuleTrigger } from "@multiwa/core";

/** Keyword/regex/type/new-contact/schedule rules of the workspace (docs/automation-contract.md). */
export function useRules() {
  const rules = ref<Rule[]>([]);
  const loaded = ref(false);
  const path = (id: string) => `/api/rules/${encodeURIComponent(id)}`;

  async function refresh(): Promise<void> {
    rules.value = (await apiFetch<{ rules: Rule[] }>("/api/rules", { query: workspaceQuery() })).rules.sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));
    loaded.value = true;
  }

  async function save(input: CreateRuleInput, id?: string): Promise<Rule> {
    const rule = id
      ? await apiFetch<Rule>(path(id), { method: "PATCH", query: workspaceQuery(), body: input })
      : await apiFetch<Rule>("/api/rules", { method: "POST", query: workspaceQuery(), body: input });
    await refresh();
    return rule;
  }

  async function setEnabled(id: string, enabled: boolean): Promise<void> {
    await apiFetch(path(id), { method: "PATCH", query: workspaceQuery(), body: { enabled } });
    await refresh();
  }

  async function remove(id: string): Promise<void> {
    await apiFetch(path(id), { method: "DELETE", query: workspaceQuery() });
    rules.value = rules.value.filter((r) => r.id !== id);
  }

  return { rules: shallowReadonly(rules), loaded: readonly(loaded), refresh, save, setEnabled, remove };
}

/** One line per part of a rule, for the list. */
export function describeTrigger(t: RuleTrigger): string {
  switch (t.type) {
    case "keyword":
      return `${t.match === "exact" ? "is" : "contains"} ${t.keywords.map((k) => `“${k}”`).join(" or ")}`;
    case "regex":
      return `matches /${t.pattern}/${t.flags ?? ""}`;
    case "new_contact":
      return "a new contact writes";
    case "message_type":
      return `a ${t.messageTypes.join(" or ")} arrives`;
    case "schedule":
      return `on “${t.cron}” (${t.timezone}) to ${t.chatIds.length} chat${t.chatIds.length === 1 ? "" : "s"}`;
  }
}

export function describeCondition(c: RuleCondition): string {
  if (c.type === "has_tag") return `tagged ${c.tag}`;
  if (c.type === "not_tag") return `not tagged ${c.tag}`;
  if (c.type === "field") return `${c.field} ${c.op.replace("_", " ")} ${c.value ?? ""}`.trim();
  return `${c.from}–${c.to} ${c.timezone}${c.days?.length ? ` on ${c.days.map((d) => "SMTWTFS"[d]).join("")}` : ""}`;
}

export function describeAction(a: RuleAction): string {
  switch (a.type) {
    case "reply":
      return "text" in a ? `reply “${a.text.slice(0, 40)}”` : "reply with a template";
    case "add_tag":
      return `tag ${a.tag}`;
    case "remove_tag":
      return `untag ${a.tag}`;
    case "set_field":
      return `set ${a.field}`;
    case "webhook":
      return `call ${a.url}`;
    case "delay":
      return `wait ${Math.round(a.ms / 1000)} s`;
    case "forward":
      return `forward to ${a.to}`;
    case "start_flow":
      return "start a flow";
    case "ai_reply":
      return "answer with AI";
  }
}
