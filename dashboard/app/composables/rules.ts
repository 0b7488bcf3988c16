import type { CreateRuleInput, Rule, RuleAction, RuleCondition, RuleTrigger } from "@multiwa/core";

/** Keyword/regex/type/new-contact/schedule/call rules of the workspace (docs/automation-contract.md). */
export function useRules() {
  const rules = ref<Rule[]>([]);
  const loaded = ref(false);
  const path = (id: string) => `/api/rules/${encodeURIComponent(id)}`;

  async function refresh(): Promise<void> {
    rules.value = (await apiFetch<{ rules: Rule[] }>("/api/rules", { query: workspaceQuery() })).rules.sort(
      (a, b) => b.priority - a.priority || a.name.localeCompare(b.name),
    );
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

/** One line per part of a rule, for the list, in the dashboard's language. */
export function describeTrigger(t: RuleTrigger): string {
  const or = (items: string[]) => items.join(` ${tr("rules.describe.or")} `);
  switch (t.type) {
    case "keyword":
      return tr(t.match === "exact" ? "rules.describe.is" : "rules.describe.contains", {
        keywords: or(t.keywords.map((k) => `“${k}”`)),
      });
    case "regex":
      return tr("rules.describe.matches", { pattern: `/${t.pattern}/${t.flags ?? ""}` });
    case "new_contact":
      return tr("rules.describe.newContact");
    case "message_type":
      return tr("rules.describe.type", { types: or(t.messageTypes.map((m) => tr(`rules.messageType.${m}`))) });
    case "schedule":
      return tr("rules.describe.schedule", {
        cron: t.cron,
        zone: t.timezone,
        chats: tr("rules.describe.chats", { n: t.chatIds.length }, t.chatIds.length),
      });
    case "call": {
      const rings = tr("rules.describe.call", { media: or(t.media.map((m) => tr(`rules.callMedia.${m}`))) });
      const n = t.callers?.length ?? 0;
      return n ? `${rings} ${tr("rules.describe.callers", { n }, n)}` : rings;
    }
  }
}

export function describeCondition(c: RuleCondition): string {
  if (c.type === "has_tag") return tr("rules.describe.tagged", { tag: c.tag });
  if (c.type === "not_tag") return tr("rules.describe.notTagged", { tag: c.tag });
  if (c.type === "field") return `${c.field} ${tr(`rules.op.${c.op}`)} ${c.value ?? ""}`.trim();
  const days = c.days?.length
    ? ` ${tr("rules.describe.on", { days: c.days.map((d) => weekdayNames("narrow")[d]).join("") })}`
    : "";
  return `${c.from}–${c.to} ${c.timezone}${days}`;
}

export function describeAction(a: RuleAction): string {
  switch (a.type) {
    case "reply":
      return "text" in a
        ? tr("rules.describe.reply", { text: a.text.slice(0, 40) })
        : tr("rules.describe.replyTemplate");
    case "add_tag":
      return tr("rules.describe.addTag", { tag: a.tag });
    case "remove_tag":
      return tr("rules.describe.removeTag", { tag: a.tag });
    case "set_field":
      return tr("rules.describe.setField", { field: a.field });
    case "webhook":
      return tr("rules.describe.webhook", { url: a.url });
    case "delay":
      return tr("rules.describe.delay", { n: Math.round(a.ms / 1000) });
    case "forward":
      return tr("rules.describe.forward", { to: a.to });
    case "start_flow":
      return tr("rules.describe.startFlow");
    case "ai_reply":
      return tr("rules.describe.ai");
    case "reject_call":
      return tr("rules.describe.rejectCall");
  }
}
