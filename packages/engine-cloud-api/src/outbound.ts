import { MultiWAError, type EngineContent } from "@multiwa/core";
import { ENGINE_NAME } from "./options.js";

type Json = Record<string, unknown>;

/** Uploads media and answers with its Meta media id. */
export type Uploader = (data: Uint8Array, mimetype: string, fileName?: string) => Promise<string>;

/**
 * EngineContent → the type and type object of a Cloud API message. Media is uploaded first and
 * sent by id; reactions and quotes take wamids, which `wamidOf` finds for MultiWA ids.
 */
export async function toCloudMessage(
  content: EngineContent,
  upload: Uploader,
  wamidOf: (id: string) => Promise<string>,
): Promise<{ type: string; body: Json | Json[] }> {
  switch (content.type) {
    case "text":
      return { type: "text", body: { body: content.text, preview_url: /https?:\/\//.test(content.text) } };
    case "image":
    case "video":
    case "sticker": {
      const id = await upload(content.media.data, content.media.mimetype);
      return {
        type: content.type,
        body: { id, ...(content.caption && content.type !== "sticker" ? { caption: content.caption } : {}) },
      };
    }
    case "audio": {
      const id = await upload(content.media.data, content.media.mimetype);
      // Voice notes (OGG/Opus) are flagged so the phone shows them as recorded.
      return { type: "audio", body: { id, ...(content.ptt ? { voice: true } : {}) } };
    }
    case "document": {
      const id = await upload(content.media.data, content.media.mimetype, content.fileName);
      return {
        type: "document",
        body: {
          id,
          ...(content.caption ? { caption: content.caption } : {}),
          ...(content.fileName ? { filename: content.fileName } : {}),
        },
      };
    }
    case "location":
      return {
        type: "location",
        body: {
          latitude: content.latitude,
          longitude: content.longitude,
          ...(content.name ? { name: content.name } : {}),
          ...(content.address ? { address: content.address } : {}),
        },
      };
    case "contact":
      return {
        type: "contacts",
        body: content.contacts.map((c) => ({
          name: { formatted_name: c.name, first_name: c.name.split(" ")[0] },
          phones: [{ phone: c.phone, type: "CELL", wa_id: c.phone.replace(/\D/g, "") }],
          ...(c.organization ? { org: { company: c.organization } } : {}),
        })),
      };
    case "reaction":
      return { type: "reaction", body: { message_id: await wamidOf(content.target.id), emoji: content.emoji } };
    case "interactive":
      return { type: "interactive", body: interactive(content) };
    case "template":
      return {
        type: "template",
        body: {
          name: content.name,
          language: { code: content.language },
          components: [
            ...(content.headerParameters?.length
              ? [{ type: "header", parameters: content.headerParameters.map((text) => ({ type: "text", text })) }]
              : []),
            ...(content.parameters?.length
              ? [{ type: "body", parameters: content.parameters.map((text) => ({ type: "text", text })) }]
              : []),
            ...(content.buttons ?? []).map((b) => ({
              type: "button",
              sub_type: b.type,
              index: String(b.index),
              parameters: [b.type === "url" ? { type: "text", text: b.value } : { type: "payload", payload: b.value }],
            })),
          ],
        },
      };
    default:
      throw new MultiWAError("CAPABILITY_UNSUPPORTED", `The Cloud API has no \`${content.type}\` messages`, {
        scope: ENGINE_NAME,
        details: { capability: `send.${content.type}` },
      });
  }
}

function interactive(content: Extract<EngineContent, { type: "interactive" }>): Json {
  const frame = {
    body: { text: content.body },
    ...(content.header ? { header: { type: "text", text: content.header } } : {}),
    ...(content.footer ? { footer: { text: content.footer } } : {}),
  };
  if (content.buttons) {
    return {
      type: "button",
      ...frame,
      action: { buttons: content.buttons.map((b) => ({ type: "reply", reply: { id: b.id, title: b.title } })) },
    };
  }
  return { type: "list", ...frame, action: { button: content.list!.button, sections: content.list!.sections } };
}
