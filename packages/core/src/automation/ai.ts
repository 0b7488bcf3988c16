import type { WAMessage } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import { automationFetch, type OutboundHttpOptions } from "./http.js";
import type { AiSettings } from "./schema.js";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** The chat as the model sees it: what the contact wrote is `user`, what this number wrote `assistant`. */
export function toChatMessages(history: WAMessage[], systemPrompt?: string): ChatMessage[] {
  const turns = history
    .map((m): ChatMessage | undefined => {
      const text = m.content.type === "text" ? m.content.text : "caption" in m.content ? m.content.caption : undefined;
      return text ? { role: m.fromMe ? "assistant" : "user", content: text } : undefined;
    })
    .filter((m): m is ChatMessage => !!m);
  return systemPrompt ? [{ role: "system", content: systemPrompt }, ...turns] : turns;
}

/**
 * Asks an OpenAI-compatible endpoint (`POST {baseUrl}/chat/completions`) and returns the answer.
 * The API key goes only into the Authorization header; error messages never carry it.
 */
export async function askAi(
  settings: AiSettings,
  messages: ChatMessage[],
  options: OutboundHttpOptions & { model?: string },
): Promise<string> {
  const url = `${settings.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const body = JSON.stringify({ model: options.model ?? settings.model, messages });
  const headers: Record<string, string> = settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {};
  let text: string;
  try {
    ({ text } = await automationFetch(
      url,
      { method: "POST", headers, body },
      { client: options.client, timeoutMs: settings.timeoutMs },
    ));
  } catch (error) {
    const message = settings.apiKey
      ? (error as Error).message.split(settings.apiKey).join("***")
      : (error as Error).message;
    throw new MultiWAError(
      (error as MultiWAError).code ?? "SEND_FAILED",
      `AI endpoint: ${message.replace(/^\[multiwa\] /, "")}`,
      { scope: "automation", details: { field: "ai.baseUrl" } },
    );
  }
  let answer: unknown;
  try {
    answer = (JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
  } catch {
    answer = undefined;
  }
  if (typeof answer !== "string")
    throw new MultiWAError("SEND_FAILED", "AI endpoint: the answer has no choices[0].message.content", {
      scope: "automation",
    });
  return answer.trim();
}
