import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { SendMessageBody } from "@multiwa/sdk";
import { z } from "zod";
import { checkRecipient, json, run, type ToolContext } from "../context.js";

type MessageType = SendMessageBody["content"]["type"];
const MESSAGE_TYPES = [
  "text",
  "image",
  "video",
  "audio",
  "document",
  "sticker",
  "location",
  "contact",
  "reaction",
  "poll",
  "event",
  "event_response",
  "edit",
  "delete",
  "forward",
  "interactive",
  "template",
] as const satisfies readonly MessageType[];
// Fails to compile when the gateway gains a message type this list lacks.
const _allTypes: Exclude<MessageType, (typeof MESSAGE_TYPES)[number]> extends never ? true : false = true;

const sendInput = {
  profileId: z.string().min(1).describe("Profile (WhatsApp account) id, from list_profiles"),
  to: z.string().min(1).describe("Phone number in international format (+62 812…) or a JID (…@s.whatsapp.net, …@g.us)"),
  content: z
    .object({ type: z.enum(MESSAGE_TYPES) })
    .loose()
    .describe(
      "The message, by type: text {text, linkPreview?:{url, title, description?, thumbnail? (base64 JPEG)}}; image/video/document {media:{url}|{base64}, mimetype?, caption?, fileName?}; audio {media, ptt?}; sticker {media}; " +
        "location {latitude, longitude, name?, address?}; contact {contacts:[{name, phone}]}; reaction {target:{id}, emoji}; poll {name, options:[…], selectableCount? (answers a voter may pick)}; " +
        "event {name, description?, startTime, endTime? (ms since epoch), location?:{name, latitude?, longitude?}}; event_response {target:{id}, response: going|not_going|maybe}; " +
        "edit {target:{id}, text}; delete {target:{id}}; forward {messageId} (a message id from the history, shown to the recipient as forwarded); interactive {body, buttons:[{id, title}]} or {body, list:{button, sections}}; " +
        "template {name, language, parameters?:[…]} (Cloud API profiles: the only message outside the 24-hour window)",
    ),
  options: z
    .object({ quotedId: z.string().optional(), mentions: z.array(z.string()).optional() })
    .optional()
    .describe("Reply to a message id, mention JIDs"),
};
type SendArgs = {
  profileId: string;
  to: string;
  content: { type: MessageType } & Record<string, unknown>;
  options?: { quotedId?: string; mentions?: string[] };
};

const CONFIRM_HINT =
  "Show this preview to the user. Only after they approve, call confirm_send with the token (it expires and works once).";

/** Sending: prepare/confirm always; `send_message` only for keys with `messages.send.direct`. */
export function registerSendTools(server: McpServer, ctx: ToolContext): void {
  const prepare = async (args: SendArgs) => {
    checkRecipient(ctx, args.to);
    const message = {
      to: args.to,
      content: args.content,
      ...(args.options ? { options: args.options } : {}),
    } as SendMessageBody;
    const held = await ctx.client.prepareSend({ body: { profileId: args.profileId, message } });
    return `${held.preview.text}\n\n${CONFIRM_HINT}\n${json({ token: held.token, expiresAt: new Date(held.expiresAt).toISOString(), to: held.preview.to })}`;
  };

  server.registerTool(
    "prepare_send",
    {
      title: "Prepare a message",
      description: `Step 1 of 2 of sending any WhatsApp message: validates it and returns a preview and a confirmation token. Nothing is sent yet.`,
      inputSchema: sendInput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    (args) => run(() => prepare(args as SendArgs)),
  );

  server.registerTool(
    "confirm_send",
    {
      title: "Confirm a prepared message",
      description:
        "Step 2 of 2: sends the message prepared with prepare_send (or send_template). Call only after the user approved the preview.",
      inputSchema: { token: z.string().min(1) },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      run(async () => {
        const record = await ctx.client.confirmSend({ body: { token: args.token } });
        return `Queued for sending.\n${json({ messageId: record.id, profileId: record.profileId, to: record.to, status: record.status })}`;
      }),
  );

  server.registerTool(
    "send_template",
    {
      title: "Prepare a template message",
      description:
        "Renders a saved template for a recipient (optionally a saved contact, for its name and fields) and prepares it; confirm with confirm_send" +
        (ctx.directSend ? ", or pass direct=true to send at once." : "."),
      inputSchema: {
        profileId: sendInput.profileId,
        to: sendInput.to,
        templateId: z.string().min(1),
        contactId: z.string().optional().describe("Render with this saved contact's data"),
        workspaceId: z.string().optional().describe("Only for gateway-wide keys"),
        ...(ctx.directSend ? { direct: z.boolean().optional() } : {}),
      },
      annotations: {
        readOnlyHint: false,
        destructiveHint: ctx.directSend,
        idempotentHint: false,
        openWorldHint: ctx.directSend,
      },
    },
    (args) =>
      run(async () => {
        checkRecipient(ctx, args.to);
        const preview = await ctx.client.previewTemplate({
          templateId: args.templateId,
          query: { workspaceId: args.workspaceId },
          body: args.contactId ? { contactId: args.contactId } : { sample: { phone: args.to } },
        });
        const content = preview.content as SendArgs["content"];
        const missing = preview.missing.length ? `\n(variables left empty: ${preview.missing.join(", ")})` : "";
        if (ctx.directSend && (args as { direct?: boolean }).direct)
          return direct({ profileId: args.profileId, to: args.to, content }) + missing;
        return (await prepare({ profileId: args.profileId, to: args.to, content })) + missing;
      }),
  );

  const direct = async (args: SendArgs) => {
    checkRecipient(ctx, args.to);
    const record = await ctx.client.sendMessage({
      id: args.profileId,
      body: {
        to: args.to,
        content: args.content,
        ...(args.options ? { options: args.options } : {}),
      } as SendMessageBody,
    });
    return `Queued for sending.\n${json({ messageId: record.id, to: record.to, status: record.status })}`;
  };
  // Offered only to keys trusted to send without a human in the loop.
  if (ctx.directSend) {
    server.registerTool(
      "send_message",
      {
        title: "Send a message now",
        description: "Sends any WhatsApp message at once, without the prepare/confirm step.",
        inputSchema: sendInput,
        annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
      },
      (args) => run(() => direct(args as SendArgs)),
    );
  }
}
