import { defineApiHandler } from "#lib/handler.js";
import { status } from "#lib/ops/index.js";

export default defineApiHandler(status.postStatus, ({ wa, params, body }) => wa.statuses.post(params.id, body), {
  // A form carries the content's fields flat beside `recipients` (comma-separated) and the file.
  multipart: ({ recipients, fileName: _name, font, ...content }) => ({
    content: { ...content, ...(font !== undefined && font !== "" ? { font: Number(font) } : {}) },
    ...(typeof recipients === "string" && recipients.trim()
      ? {
          recipients: recipients
            .split(",")
            .map((r) => r.trim())
            .filter(Boolean),
        }
      : Array.isArray(recipients)
        ? { recipients }
        : {}),
  }),
});
