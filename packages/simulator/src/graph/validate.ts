import { GraphError, invalidParameter } from "./errors.js";
import { MEDIA_TYPES, type MediaHost } from "./media.js";
import type { TemplateRecord } from "./types.js";

export interface ValidatedMessage {
  to: string;
  type: string;
  body: Record<string, unknown>;
  replyTo?: string;
  bizOpaqueCallbackData?: string;
  /** A template (the only type allowed outside the 24-hour window). */
  template?: TemplateRecord;
}

type Json = Record<string, unknown>;

const FREE_TYPES = [
  "text",
  "image",
  "video",
  "audio",
  "document",
  "sticker",
  "location",
  "contacts",
  "reaction",
  "interactive",
  "template",
];

/** Checks a `POST /{phone-number-id}/messages` body the way the Cloud API does, with its error codes. */
export function validateMessage(
  input: Json,
  deps: { media: MediaHost; template(name: string, language: string): TemplateRecord | undefined },
): ValidatedMessage {
  if (input.messaging_product !== "whatsapp")
    throw invalidParameter('The parameter messaging_product is required and must be "whatsapp".');
  if (input.recipient_type !== undefined && input.recipient_type !== "individual")
    throw invalidParameter('recipient_type must be "individual".');
  const to =
    typeof input.to === "string"
      ? input.to.replace(/^\+/, "")
      : typeof input.recipient === "string"
        ? input.recipient
        : "";
  if (!to) throw invalidParameter("The parameter to is required.");
  if (!/^\d{6,15}$/.test(to) && !/^[A-Z]{2}\.[A-Za-z0-9.]{1,140}$/.test(to))
    throw invalidParameter(`Invalid recipient "${to}": not a phone number or business-scoped user id.`, 131009);
  const type = typeof input.type === "string" ? input.type : "text";
  if (!FREE_TYPES.includes(type)) throw invalidParameter(`Unsupported message type "${type}".`, 131051);
  const body = input[type];
  if (!body || typeof body !== "object") throw invalidParameter(`The parameter ${type} is required.`, 131008);
  const context = input.context as Json | undefined;
  const out: ValidatedMessage = {
    to,
    type,
    body: body as Json,
    ...(typeof context?.message_id === "string" ? { replyTo: context.message_id } : {}),
    ...(typeof input.biz_opaque_callback_data === "string"
      ? { bizOpaqueCallbackData: input.biz_opaque_callback_data }
      : {}),
  };
  const check = CHECKS[type];
  const template = check?.(body as Json, deps);
  return template ? { ...out, template } : out;
}

// --- Internal helpers ---

type Check = (body: Json, deps: Parameters<typeof validateMessage>[1]) => TemplateRecord | void;

const str = (v: unknown): v is string => typeof v === "string" && v.length > 0;

function media(kind: string): Check {
  return (body, { media }) => {
    if (str(body.id)) {
      const item = media.get(body.id);
      if (!item) throw invalidParameter(`Media id ${body.id} does not exist or was deleted.`, 131052);
      if (!MEDIA_TYPES[kind]!.test(item.mimeType))
        throw invalidParameter(`Media ${body.id} is ${item.mimeType}, which ${kind} messages do not take.`, 131053);
    } else if (!str(body.link) || !/^https?:\/\//.test(body.link)) {
      throw invalidParameter(`The parameter ${kind}.id or ${kind}.link is required.`, 131008);
    }
    if (body.caption !== undefined && (kind === "audio" || kind === "sticker"))
      throw invalidParameter(`${kind} messages take no caption.`);
  };
}

const CHECKS: Record<string, Check> = {
  text: (body) => {
    if (!str(body.body)) throw invalidParameter("The parameter text.body is required.", 131008);
    if (body.body.length > 4096) throw invalidParameter("text.body is longer than 4096 characters.");
  },
  image: media("image"),
  video: media("video"),
  audio: media("audio"),
  document: media("document"),
  sticker: media("sticker"),
  location: (body) => {
    if (typeof body.latitude !== "number" || typeof body.longitude !== "number")
      throw invalidParameter("location.latitude and location.longitude are required numbers.", 131008);
  },
  contacts: (body) => {
    const list = body as unknown as Json[];
    if (!Array.isArray(list) || !list.length || list.some((c) => !str((c.name as Json | undefined)?.formatted_name))) {
      throw invalidParameter("Each contact needs name.formatted_name.", 131008);
    }
  },
  reaction: (body) => {
    if (!str(body.message_id) || typeof body.emoji !== "string")
      throw invalidParameter("reaction.message_id and reaction.emoji are required.", 131008);
  },
  interactive: (body) => {
    const action = body.action as Json | undefined;
    if (!str((body.body as Json | undefined)?.text))
      throw invalidParameter("interactive.body.text is required.", 131008);
    if (body.type === "button") {
      const buttons = action?.buttons as Json[] | undefined;
      if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3)
        throw invalidParameter("interactive.action.buttons needs 1 to 3 buttons.");
      for (const b of buttons) {
        const reply = b.reply as Json | undefined;
        if (b.type !== "reply" || !str(reply?.id) || !str(reply?.title) || reply.title.length > 20)
          throw invalidParameter('Each button needs type "reply" and reply.id, reply.title (at most 20 characters).');
      }
    } else if (body.type === "list") {
      const sections = action?.sections as Json[] | undefined;
      if (!str(action?.button) || !Array.isArray(sections) || !sections.length)
        throw invalidParameter("interactive.action needs button and sections.");
      const rows = sections.flatMap((s) => (s.rows as Json[] | undefined) ?? []);
      if (!rows.length || rows.length > 10 || rows.some((r) => !str(r.id) || !str(r.title)))
        throw invalidParameter("A list needs 1 to 10 rows, each with id and title.");
    } else {
      throw invalidParameter(`interactive.type must be "button" or "list" here, got ${JSON.stringify(body.type)}.`);
    }
  },
  template: (body, { template }) => {
    const language = (body.language as Json | undefined)?.code;
    if (!str(body.name) || !str(language))
      throw invalidParameter("template.name and template.language.code are required.", 131008);
    const found = template(body.name, language);
    if (!found || found.status === "PENDING" || found.status === "REJECTED") {
      throw new GraphError(
        404,
        132001,
        "(#132001) Template name does not exist in the translation",
        "OAuthException",
        `template name (${body.name}) does not exist in ${language}`,
      );
    }
    if (found.status === "PAUSED" || found.status === "DISABLED")
      throw new GraphError(
        400,
        132015,
        "(#132015) Template is paused",
        "OAuthException",
        `Template ${body.name} is ${found.status}.`,
      );
    const components = (body.components as Json[] | undefined) ?? [];
    for (const part of ["body", "header"]) {
      const expected = placeholders(found, part.toUpperCase());
      const given = components
        .filter((c) => String(c.type).toLowerCase() === part)
        .flatMap((c) => (c.parameters as Json[] | undefined) ?? []);
      if (given.length !== expected)
        throw paramMismatch(`${part}: number of localizable_params (${given.length})`, expected);
    }
    // A URL button whose address ends in {{1}} needs its suffix, by the button's index.
    const buttons = (found.components.find((c) => String(c.type).toUpperCase() === "BUTTONS")?.buttons ?? []) as Json[];
    buttons.forEach((button, index) => {
      if (String(button.type).toUpperCase() !== "URL" || !/\{\{\s*1\s*\}\}/.test(String(button.url ?? ""))) return;
      const given = components.find(
        (c) => String(c.type).toLowerCase() === "button" && c.sub_type === "url" && String(c.index) === String(index),
      );
      const text = ((given?.parameters as Json[] | undefined) ?? [])[0]?.text;
      if (!str(text)) throw paramMismatch(`button ${index}: number of url params (0)`, 1);
    });
    return found;
  },
};

/** How many `{{n}}` a template component has. */
export function placeholders(template: TemplateRecord, type: string): number {
  const component = template.components.find((c) => String(c.type).toUpperCase() === type);
  return new Set(String(component?.text ?? "").match(/\{\{\s*\d+\s*\}\}/g) ?? []).size;
}

function paramMismatch(what: string, expected: number): GraphError {
  return new GraphError(
    400,
    132000,
    "(#132000) Number of parameters does not match the expected number of params",
    "OAuthException",
    `${what} does not match the expected number of params (${expected})`,
  );
}
