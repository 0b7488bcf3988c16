import type { CreateRuleBody, Rule, UpdateRuleBody } from "@multiwa/sdk";

type RuleTrigger = Rule["trigger"];
type RuleCondition = Rule["conditions"][number];
type RuleAction = Rule["actions"][number];

/** Keyword/regex/type/new-contact/schedule/call rules of the workspace (docs/automation-contract.md). */
export function useRules() {
  const client = useClient();
  const rules = useCollection<Rule, CreateRuleBody, Rule, UpdateRuleBody>({
    list: () =>
      loadAllPages(async (after) => {
        const page = await client.listRules({
          query: { ...workspaceQuery(), limit: LIST_PAGE, ...(after ? { after } : {}) },
        });
        return { items: page.rules, nextCursor: page.nextCursor };
      }),
    create: (body) => client.createRule({ query: workspaceQuery(), body }),
    update: (ruleId, body) => client.updateRule({ ruleId, query: workspaceQuery(), body }),
    remove: async (ruleId) => void (await client.deleteRule({ ruleId, query: workspaceQuery() })),
    sort: (a, b) => b.priority - a.priority || a.name.localeCompare(b.name),
  });

  return {
    rules: rules.items,
    loaded: rules.loaded,
    refresh: rules.refresh,
    save: (input: CreateRuleBody, id?: string): Promise<Rule> => (id ? rules.update(id, input) : rules.create(input)),
    setEnabled: async (id: string, enabled: boolean) => void (await rules.update(id, { enabled })),
    remove: rules.remove,
  };
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
