import { z } from "zod";

/** Where outbound media comes from. Both forms are JSON, so queued sends survive a restart. */
export const MediaSourceSchema = z.union([
  z.object({ url: z.url({ protocol: /^https?$/ }).describe("HTTP(S) address the gateway downloads") }),
  z.object({ base64: z.base64().min(1).describe("File content, base64 encoded") }),
]);

const mediaFields = {
  media: MediaSourceSchema,
  mimetype: z
    .string()
    .regex(/^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+-]+)*$/, "must look like type/subtype")
    .optional(),
  caption: z.string().max(4096).optional(),
};

/** A link preview the caller supplies (the gateway fetches nothing): shown above the text (issue #20). */
export const LinkPreviewSchema = z.object({
  /** The link in the text the preview belongs to. */
  url: z.url({ protocol: /^https?$/ }),
  title: z.string().min(1).max(1000),
  description: z.string().max(5000).optional(),
  /** A small JPEG, base64 encoded, shown beside the title. */
  thumbnail: z.base64().max(200_000).optional(),
});
export const TextContentSchema = z.object({
  type: z.literal("text"),
  text: z.string().min(1, "must not be empty").max(65_536),
  /** Needs the `send.linkPreview` capability. */
  linkPreview: LinkPreviewSchema.optional(),
});
export const ImageContentSchema = z.object({ type: z.literal("image"), ...mediaFields });
export const VideoContentSchema = z.object({ type: z.literal("video"), ...mediaFields, gif: z.boolean().optional() });
export const AudioContentSchema = z.object({
  type: z.literal("audio"),
  media: MediaSourceSchema,
  mimetype: mediaFields.mimetype,
  /** Send as a voice note (push-to-talk) rather than an audio file. */
  ptt: z.boolean().optional(),
});
export const DocumentContentSchema = z.object({
  type: z.literal("document"),
  ...mediaFields,
  fileName: z.string().min(1).max(255).optional(),
});
export const StickerContentSchema = z.object({
  type: z.literal("sticker"),
  media: MediaSourceSchema,
  mimetype: mediaFields.mimetype,
});
export const LocationContentSchema = z.object({
  type: z.literal("location"),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().max(1000).optional(),
  address: z.string().max(1000).optional(),
});
export const ContactCardSchema = z.object({
  name: z.string().min(1),
  phone: z.string().regex(/^\+?[\d\s\-()]{6,20}$/, "must be a phone number"),
  organization: z.string().optional(),
});
export const ContactContentSchema = z.object({
  type: z.literal("contact"),
  contacts: z.array(ContactCardSchema).min(1).max(50),
});
/** Which earlier message a reaction, edit or delete refers to. */
export const MessageRefSchema = z.object({
  id: z.string().min(1),
  /** Whether the target was sent by this profile; edits and deletes default to true. */
  fromMe: z.boolean().optional(),
  /** In groups, who sent the target message. */
  participant: z.string().optional(),
});
export const ReactionContentSchema = z.object({
  type: z.literal("reaction"),
  target: MessageRefSchema,
  /** An empty string removes the reaction. */
  emoji: z.string().max(16),
});
export const PollContentSchema = z.object({
  type: z.literal("poll"),
  name: z.string().min(1).max(255),
  options: z.array(z.string().min(1).max(100)).min(2).max(12),
  selectableCount: z.number().int().min(0).max(12).default(1),
});
/** What an invitee answers to an event (#21). */
export const EVENT_RESPONSES = ["going", "not_going", "maybe"] as const;
/** A WhatsApp event (#21): a name and a start, answered going / not going / maybe. Times in ms since the epoch. */
export const EventContentSchema = z
  .object({
    type: z.literal("event"),
    name: z.string().min(1).max(255),
    description: z.string().max(2048).optional(),
    startTime: z.number().int().positive().describe("Start, in milliseconds since the epoch"),
    endTime: z.number().int().positive().optional().describe("End, in milliseconds since the epoch"),
    location: z
      .object({
        name: z.string().min(1).max(1000),
        latitude: z.number().min(-90).max(90).optional(),
        longitude: z.number().min(-180).max(180).optional(),
      })
      .optional(),
  })
  .refine((c) => c.endTime === undefined || c.endTime > c.startTime, {
    message: "must be after startTime",
    path: ["endTime"],
  });
/** Answers an event someone sent to the chat (#21); needs `send.event`. */
export const EventResponseContentSchema = z.object({
  type: z.literal("event_response"),
  target: MessageRefSchema,
  response: z.enum(EVENT_RESPONSES),
});
export const EditContentSchema = z.object({
  type: z.literal("edit"),
  target: MessageRefSchema,
  text: z.string().min(1).max(65_536),
});
export const DeleteContentSchema = z.object({ type: z.literal("delete"), target: MessageRefSchema });
/** Forwards a message from this profile's history, by id, marked as forwarded (issue #20). */
export const ForwardContentSchema = z.object({ type: z.literal("forward"), messageId: z.string().min(1) });

const ReplyButtonSchema = z.object({ id: z.string().min(1).max(256), title: z.string().min(1).max(20) });
const ListRowSchema = z.object({
  id: z.string().min(1).max(200),
  title: z.string().min(1).max(24),
  description: z.string().max(72).optional(),
});
/** Buttons or a list the recipient taps; the official API delivers them reliably. */
export const InteractiveContentSchema = z
  .object({
    type: z.literal("interactive"),
    body: z.string().min(1).max(1024),
    header: z.string().max(60).optional(),
    footer: z.string().max(60).optional(),
    buttons: z.array(ReplyButtonSchema).min(1).max(3).optional(),
    list: z
      .object({
        button: z.string().min(1).max(20),
        sections: z
          .array(z.object({ title: z.string().max(24).optional(), rows: z.array(ListRowSchema).min(1).max(10) }))
          .min(1)
          .max(10),
      })
      .optional(),
  })
  .refine((c) => Boolean(c.buttons) !== Boolean(c.list), {
    message: "needs exactly one of `buttons` or `list`",
    path: ["buttons"],
  });
/** A message template approved by the platform (the only way to open a closed 24-hour window). */
export const TemplateContentSchema = z.object({
  type: z.literal("template"),
  name: z.string().min(1).max(512),
  language: z.string().min(2).max(15).default("en_US"),
  /** Values for the body's {{1}}, {{2}}… in order. */
  parameters: z.array(z.string().max(1024)).max(100).optional(),
  /** Values for the header's {{1}}, when it has one. */
  headerParameters: z.array(z.string().max(60)).max(1).optional(),
  /** Values of dynamic buttons by position: a URL button's `{{1}}` suffix, a quick reply's payload. */
  buttons: z
    .array(
      z.object({
        index: z.number().int().min(0).max(9),
        type: z.enum(["url", "quick_reply"]),
        value: z.string().min(1).max(2000),
      }),
    )
    .max(10)
    .optional(),
});

export const MessageContentSchema = z.discriminatedUnion("type", [
  TextContentSchema,
  ImageContentSchema,
  VideoContentSchema,
  AudioContentSchema,
  DocumentContentSchema,
  StickerContentSchema,
  LocationContentSchema,
  ContactContentSchema,
  ReactionContentSchema,
  PollContentSchema,
  EventContentSchema,
  EventResponseContentSchema,
  EditContentSchema,
  DeleteContentSchema,
  ForwardContentSchema,
  InteractiveContentSchema,
  TemplateContentSchema,
]);

export const SendOptionsSchema = z.object({
  /** Quote (reply to) this message id in the same chat. */
  quotedId: z.string().min(1).optional(),
  /** The same key never sends twice for one profile; retries return the first result. */
  idempotencyKey: z.string().min(1).max(200).optional(),
  /** Show "typing…" before sending, for a human-looking pace. Defaults to the profile's pacing setting. */
  typing: z.boolean().optional(),
  /** JIDs mentioned in the text. */
  mentions: z.array(z.string()).max(256).optional(),
  /**
   * When WhatsApp refuses the message for a limit on new chats (WHATSAPP_LIMITED), keep it queued and send it
   * after the limit's end instead of failing it (issue #21). Campaign sends never hold (they pause). @default true
   */
  holdWhenLimited: z.boolean().optional(),
});

export const SendRequestSchema = z.object({
  to: z.string().min(1, "is required"),
  content: MessageContentSchema,
  options: SendOptionsSchema.optional(),
});

export type MediaSource = z.infer<typeof MediaSourceSchema>;
export type MessageContent = z.infer<typeof MessageContentSchema>;
export type MessageType = MessageContent["type"];
export type MessageRef = z.infer<typeof MessageRefSchema>;
export type ContactCard = z.infer<typeof ContactCardSchema>;
export type LinkPreview = z.infer<typeof LinkPreviewSchema>;
export type SendOptions = z.infer<typeof SendOptionsSchema>;
export type SendRequest = z.input<typeof SendRequestSchema>;

export type EventContent = z.infer<typeof EventContentSchema>;
export type EventResponse = (typeof EVENT_RESPONSES)[number];
export type InteractiveContent = z.infer<typeof InteractiveContentSchema>;
export type TemplateContent = z.infer<typeof TemplateContentSchema>;

export const MESSAGE_TYPES = MessageContentSchema.options.map((o) => o.shape.type.value) as MessageType[];
