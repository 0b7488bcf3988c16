import type { Storage } from "unstorage";
import type { Contact } from "../contacts/schema.js";
import type { ContactStore } from "../contacts/store.js";
import type { Db } from "../db/types.js";
import type { EngineLogger, WAMessage } from "../engine/types.js";
import type { MessageHistory } from "../history/history.js";
import type { MessageRecord } from "../outbox/records.js";
import type { MessageContent, SendRequest } from "../schemas/message.js";
import type { Messages } from "../messages/messages.js";
import type { TemplateStore } from "../templates/store.js";
import { askAi, toChatMessages } from "./ai.js";
import type { LoopGuard } from "./guard.js";
import type { OutboundHttpOptions } from "./http.js";
import type { AutomationSettingsStore } from "./settings.js";
import type { DurableTimers } from "./timers.js";
import { interpolate, type VariableScope } from "./variables.js";

/** What rules and flows act through; every send goes through the durable outbox (`send`). */
export interface AutomationDeps {
  /** Key-value by nature: cooldowns, settings, schedule marks. */
  storage: Storage;
  /** Rules, flows, versions, runs and timers. */
  db: Db;
  contacts: ContactStore;
  templates: TemplateStore;
  history: MessageHistory;
  logger: EngineLogger;
  send(profileId: string, request: SendRequest): Promise<MessageRecord>;
  /** A saved template rendered for the profile's engine: its approved platform template on the Cloud API. */
  sendTemplate: Messages["sendTemplate"];
  /** Whether this process runs the profile: only that node fires its timers and schedules. */
  owns(profileId: string): boolean;
  http: OutboundHttpOptions;
}

export interface AutomationContext extends AutomationDeps {
  settings: AutomationSettingsStore;
  guard: LoopGuard;
  timers: DurableTimers;
}

/** A conversation automation acts in. */
export interface ChatRef {
  workspaceId: string;
  profileId: string;
  chatId: string;
  contact?: Contact;
}

/**
 * Sends one automated message to the chat under an idempotency key (a repeat after a crash returns
 * the first record). Dropped, and logged, when the chat already got its share of automated messages.
 */
export async function sendAutomated(
  ctx: AutomationContext,
  chat: ChatRef,
  content: MessageContent | { templateId: string },
  key: string,
  scope: VariableScope = {},
): Promise<boolean> {
  if (!ctx.guard.takeSend(`${chat.profileId}|${chat.chatId}`)) {
    ctx.logger.warn(`automation: reply limit reached for ${chat.chatId} on ${chat.profileId}; message dropped`);
    return false;
  }
  const options = { idempotencyKey: key };
  if ("templateId" in content) {
    await sendTemplate(ctx, chat, content.templateId, options);
    return true;
  }
  const resolved = personalise(content, { ...scope, ...(chat.contact ? { contact: chat.contact } : {}) });
  await ctx.send(chat.profileId, { to: chat.chatId, content: resolved, options });
  return true;
}

/** The model's answer for this chat, with its recent messages as context. */
export async function aiAnswer(
  ctx: AutomationContext,
  chat: ChatRef,
  node: { systemPrompt?: string; model?: string },
  latest?: WAMessage,
): Promise<string> {
  const ai = await ctx.settings.requireAi(chat.workspaceId);
  const { messages } = await ctx.history.messages(chat.profileId, chat.chatId, { limit: ai.contextMessages });
  // The message being answered may not be in the history yet (it is written concurrently).
  const turns =
    latest && !messages.some((m) => m.id === latest.id) ? [...messages, latest].slice(-ai.contextMessages) : messages;
  return askAi(ai, toChatMessages(turns, node.systemPrompt), {
    ...ctx.http,
    ...(node.model ? { model: node.model } : {}),
  });
}

function personalise(content: MessageContent, scope: VariableScope): MessageContent {
  if (content.type === "text") return { ...content, text: interpolate(content.text, scope) || content.text };
  if ("caption" in content && content.caption) return { ...content, caption: interpolate(content.caption, scope) };
  return content;
}

/**
 * Rendered for the profile's engine, as campaigns and the template endpoint do: on the Cloud API a
 * reply outside the 24-hour window goes out as the linked approved template, not as text (#22).
 */
async function sendTemplate(
  ctx: AutomationContext,
  chat: ChatRef,
  templateId: string,
  options: { idempotencyKey: string },
): Promise<void> {
  const template = await ctx.templates.get(chat.workspaceId, templateId);
  const c = chat.contact;
  const data = {
    ...(c?.name ? { name: c.name } : {}),
    ...(c?.phone ? { phone: c.phone } : {}),
    fields: c?.fields ?? {},
  };
  await ctx.sendTemplate(chat.profileId, template, chat.chatId, data, options);
  void ctx.templates.recordUse(chat.workspaceId, templateId);
}
