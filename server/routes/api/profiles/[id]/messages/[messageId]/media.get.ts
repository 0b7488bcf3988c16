import { setResponseHeader } from "h3";
import { apiError } from "#lib/errors.js";
import { defineApiHandler } from "#lib/handler.js";
import { messages } from "#lib/ops/index.js";

export default defineApiHandler(messages.downloadMedia, async ({ event, wa, params }) => {
  const message = await wa.history.message(params.id, params.messageId);
  const content = message?.content as { mimetype?: string; fileName?: string } | undefined;
  if (!message || !content || !["image", "video", "audio", "document", "sticker"].includes(message.content.type)) {
    throw apiError(404, {
      code: "MESSAGE_NOT_FOUND",
      message: `No media message ${params.messageId} in the history`,
      field: "messageId",
    });
  }
  const data = await wa.messages.downloadMedia(params.id, message);
  setResponseHeader(event, "content-type", content.mimetype ?? "application/octet-stream");
  if (content.fileName)
    setResponseHeader(event, "content-disposition", `inline; filename="${content.fileName.replace(/["\r\n]/g, "")}"`);
  return Buffer.from(data);
});
