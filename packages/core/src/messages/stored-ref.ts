import type { WAMessage } from "../engine/types.js";
import type { MessageHistory } from "../history/history.js";
import { MultiWAError } from "../errors.js";
import type { MessageRef } from "../schemas/message.js";

/**
 * A message from the history and the reference engines need to act on it (star, pin): its chat and
 * direction come from the history, and in groups who wrote it.
 */
export async function storedMessageRef(
  history: Pick<MessageHistory, "message">,
  profileId: string,
  messageId: string,
): Promise<{ message: WAMessage; ref: MessageRef }> {
  const message = await history.message(profileId, messageId);
  if (!message)
    throw new MultiWAError("MESSAGE_NOT_FOUND", `No message ${messageId} in the history of "${profileId}"`, {
      details: { profileId, messageId, field: "messageId" },
    });
  const ref: MessageRef = {
    id: message.id,
    fromMe: message.fromMe,
    ...(message.chatId.endsWith("@g.us") && !message.fromMe ? { participant: message.sender } : {}),
  };
  return { message, ref };
}
