import type { WAMessage } from "../engine/types.js";
import { toJid } from "../jid.js";
import { aiAnswer, sendAutomated, type AutomationContext, type ChatRef } from "./context.js";
import { automationFetch } from "./http.js";
import type { Rule } from "./schema.js";

/** The message (or clock tick) a rule fired for. */
export interface RuleEvent {
  /** Inbound message id, or `cron-<due time>` for schedules: part of every idempotency key. */
  id: string;
  text: string;
  type: string;
  from?: string;
  /** The inbound message itself (AI context), when there is one. */
  message?: WAMessage;
  /** The ringing call a `call` rule fired for. */
  call?: { callId: string; from: string; isVideo: boolean };
}

export interface ActionHooks {
  startFlow(flowId: string, chat: ChatRef): Promise<void>;
  rejectCall(profileId: string, call: NonNullable<RuleEvent["call"]>): Promise<void>;
}

/**
 * Runs a rule's actions in order from `from`. A `delay` saves the rest as a durable timer and
 * returns; the timer calls this again after the wait (also after a restart).
 */
export async function runActions(
  ctx: AutomationContext,
  hooks: ActionHooks,
  rule: Rule,
  chat: ChatRef,
  event: RuleEvent,
  from = 0,
): Promise<void> {
  for (let i = from; i < rule.actions.length; i++) {
    const action = rule.actions[i]!;
    const key = `rule:${rule.id}:${event.id}:${i}`;
    switch (action.type) {
      case "reply":
        await sendAutomated(
          ctx,
          chat,
          "templateId" in action ? { templateId: action.templateId } : { type: "text", text: action.text },
          key,
          { variables: { message: event.text } },
        );
        break;
      case "add_tag":
      case "remove_tag":
        if (chat.contact) {
          const op = action.type === "add_tag" ? { add: [action.tag] } : { remove: [action.tag] };
          await ctx.contacts.bulkTag(chat.workspaceId, { ids: [chat.contact.id], ...op });
          chat.contact = (await ctx.contacts.find(chat.workspaceId, chat.contact.id)) ?? chat.contact;
        }
        break;
      case "set_field":
        if (chat.contact)
          chat.contact = await ctx.contacts.update(chat.workspaceId, chat.contact.id, {
            fields: { ...chat.contact.fields, [action.field]: action.value },
          });
        break;
      case "webhook": {
        const body = JSON.stringify({
          event: "automation.rule",
          ruleId: rule.id,
          ruleName: rule.name,
          workspaceId: chat.workspaceId,
          profileId: chat.profileId,
          chatId: chat.chatId,
          message: { id: event.id, text: event.text, type: event.type, from: event.from },
          ...(event.call ? { call: event.call } : {}),
          contact: chat.contact ?? null,
          timestamp: Date.now(),
        });
        await automationFetch(
          action.url,
          { method: "POST", body, ...(action.secret ? { secret: action.secret } : {}) },
          ctx.http,
        );
        break;
      }
      case "delay":
        await ctx.timers.add({
          id: `rule:${rule.id}:${chat.chatId}:${event.id}:${i}`,
          dueAt: Date.now() + action.ms,
          profileId: chat.profileId,
          kind: "rule_delay",
          payload: { workspaceId: chat.workspaceId, ruleId: rule.id, chatId: chat.chatId, event, from: i + 1 },
        });
        return;
      case "forward": {
        const who = chat.contact?.name
          ? `${chat.contact.name} (+${chat.contact.phone ?? chat.chatId.split("@")[0]})`
          : `+${chat.chatId.split("@")[0]}`;
        const text = event.text ? `${who}: ${event.text}` : `${who} sent a ${event.type}`;
        if (ctx.guard.takeSend(`${chat.profileId}|${toJid(action.to)}`))
          await ctx.send(chat.profileId, {
            to: action.to,
            content: { type: "text", text },
            options: { idempotencyKey: key },
          });
        break;
      }
      case "start_flow":
        await hooks.startFlow(action.flowId, chat);
        break;
      case "reject_call":
        if (event.call) await hooks.rejectCall(chat.profileId, event.call);
        break;
      case "ai_reply": {
        const answer = await aiAnswer(ctx, chat, action, event.message);
        if (answer) await sendAutomated(ctx, chat, { type: "text", text: answer }, key);
        break;
      }
    }
  }
}
