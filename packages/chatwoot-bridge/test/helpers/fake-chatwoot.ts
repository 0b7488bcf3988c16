import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";

export interface FakeMessage {
  id: number;
  conversationId: number;
  content: string;
  messageType: string;
  private: boolean;
  attachments: { name: string; type: string; data: Buffer }[];
}

/**
 * The Chatwoot Application API endpoints the bridge uses, in memory, following Chatwoot's published API
 * reference field by field (developers.chatwoot.com/api-reference; the OpenAPI sources are chatwoot/chatwoot
 * swagger/definitions/request/{contact/create_payload,conversation/create_payload,
 * conversation/create_message_payload}.yml and swagger/paths/application/contact_inboxes/create.yml):
 * - auth: the `api_access_token` header; anything else is 401 `{ error }`;
 * - `GET  /contacts/search?q=` (q required) → `{ meta: { count, current_page }, payload: [contact] }`, each contact
 *   with its `contact_inboxes: [{ source_id, inbox }]`;
 * - `POST /contacts` `{ inbox_id (required), name, phone_number (E.164), identifier (unique) }` →
 *   `{ payload: { contact, contact_inbox: { source_id, inbox } } }`; a bad phone number or a taken identifier is 422;
 * - `POST /contacts/{id}/contact_inboxes` `{ inbox_id (required), source_id? }` → `{ source_id, inbox }`;
 * - `POST /conversations` `{ source_id (required), inbox_id, contact_id, status: open|resolved|pending }` →
 *   `{ id, account_id, inbox_id }`; the source id must belong to the contact in that inbox;
 * - `POST /conversations/{id}/messages` JSON `{ content (required), message_type: outgoing|incoming, private }`,
 *   or multipart with `attachments[]` → the message (`message_type` as Chatwoot answers it, 0 incoming / 1 outgoing).
 * Every inbox id the bridge names must be one of `inboxes` (API channels); `/files/*` hosts an agent's attachment.
 */
export async function startFakeChatwoot(token: string, accountId = 1, inboxes: number[] = [3, 7]) {
  const contacts: { id: number; name: string; phone_number: string; identifier?: string }[] = [];
  const contactInboxes: { contactId: number; inboxId: number; sourceId: string }[] = [];
  const conversations: { id: number; contactId: number; inboxId: number; sourceId: string }[] = [];
  const messages: FakeMessage[] = [];
  const calls: string[] = [];
  const files = new Map<string, { type: string; data: Buffer }>();
  const base = `/api/v1/accounts/${accountId}`;
  let nextConversation = 100;
  const inbox = (id: number) => ({
    id,
    channel_id: id,
    name: `API ${id}`,
    channel_type: "Channel::Api",
    provider: null,
    avatar_url: "",
  });
  const withInboxes = (c: (typeof contacts)[number]) => ({
    ...c,
    email: null,
    thumbnail: "",
    custom_attributes: {},
    additional_attributes: {},
    contact_inboxes: contactInboxes
      .filter((l) => l.contactId === c.id)
      .map((l) => ({ source_id: l.sourceId, inbox: inbox(l.inboxId) })),
  });

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url!, "http://fake");
      const raw = await body(req);
      const send = (status: number, json: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
      const invalid = (message: string, attribute: string) => send(422, { message, attributes: [attribute] });
      if (url.pathname.startsWith("/files/")) {
        const file = files.get(url.pathname.slice(7));
        return file ? res.writeHead(200, { "content-type": file.type }).end(file.data) : send(404, {});
      }
      calls.push(`${req.method} ${url.pathname}`);
      if (req.headers.api_access_token !== token) return send(401, { error: "Invalid Access Token" });
      if (!url.pathname.startsWith(`${base}/`)) return send(404, { error: "Resource could not be found" });
      const path = url.pathname.slice(base.length);
      const input = String(req.headers["content-type"]).startsWith("application/json")
        ? JSON.parse(raw.toString() || "{}")
        : {};
      let m: RegExpMatchArray | null;
      if (req.method === "GET" && path === "/contacts/search") {
        const q = url.searchParams.get("q");
        if (!q) return invalid("Specify search string with parameter q", "q");
        const found = contacts.filter(
          (c) => c.phone_number.includes(q) || c.name.includes(q) || c.identifier?.includes(q),
        );
        return send(200, { meta: { count: found.length, current_page: "1" }, payload: found.map(withInboxes) });
      }
      if (req.method === "POST" && path === "/contacts") {
        if (!inboxes.includes(input.inbox_id)) return send(404, { error: "Resource could not be found" });
        if (input.phone_number !== undefined && !/^\+[1-9]\d{1,14}$/.test(input.phone_number))
          return invalid("Phone number should be in e164 format", "phone_number");
        if (input.identifier && contacts.some((c) => c.identifier === input.identifier))
          return invalid("Identifier has already been taken", "identifier");
        const contact = {
          id: contacts.length + 1,
          name: input.name,
          phone_number: input.phone_number,
          identifier: input.identifier,
        };
        contacts.push(contact);
        const link = { contactId: contact.id, inboxId: input.inbox_id, sourceId: randomUUID() };
        contactInboxes.push(link);
        return send(200, {
          payload: {
            contact: withInboxes(contact),
            contact_inbox: { source_id: link.sourceId, inbox: inbox(link.inboxId) },
          },
        });
      }
      if (req.method === "POST" && (m = path.match(/^\/contacts\/(\d+)\/contact_inboxes$/))) {
        if (!contacts.some((c) => c.id === Number(m![1]))) return send(404, { error: "Resource could not be found" });
        if (!inboxes.includes(input.inbox_id)) return invalid("Inbox is required", "inbox_id");
        const link = { contactId: Number(m[1]), inboxId: input.inbox_id, sourceId: input.source_id ?? randomUUID() };
        contactInboxes.push(link);
        return send(200, { source_id: link.sourceId, inbox: inbox(link.inboxId) });
      }
      if (req.method === "POST" && path === "/conversations") {
        if (typeof input.source_id !== "string") return invalid("Source is required", "source_id");
        if (input.status !== undefined && !["open", "resolved", "pending"].includes(input.status))
          return invalid("Status is not included in the list", "status");
        const link = contactInboxes.find((l) => l.sourceId === input.source_id);
        if (
          !link ||
          (input.contact_id !== undefined && link.contactId !== input.contact_id) ||
          (input.inbox_id !== undefined && link.inboxId !== input.inbox_id)
        ) {
          return invalid("source_id does not belong to the contact in this inbox", "source_id");
        }
        const conversation = {
          id: nextConversation++,
          contactId: link.contactId,
          inboxId: link.inboxId,
          sourceId: input.source_id,
        };
        conversations.push(conversation);
        return send(200, { id: conversation.id, account_id: accountId, inbox_id: conversation.inboxId });
      }
      if (req.method === "POST" && (m = path.match(/^\/conversations\/(\d+)\/messages$/))) {
        const conversationId = Number(m[1]);
        if (!conversations.some((c) => c.id === conversationId))
          return send(404, { error: "Resource could not be found" });
        const message = await parseMessage(req, raw, conversationId, messages.length + 1000);
        if (!message.attachments.length && typeof message.content !== "string")
          return invalid("Content can't be blank", "content");
        if (!["incoming", "outgoing"].includes(message.messageType))
          return invalid("Message type is not included in the list", "message_type");
        messages.push(message);
        return send(200, {
          id: message.id,
          content: message.content,
          inbox_id: conversations.find((c) => c.id === conversationId)!.inboxId,
          conversation_id: conversationId,
          message_type: message.messageType === "incoming" ? 0 : 1,
          content_type: "text",
          content_attributes: {},
          private: message.private,
          created_at: Math.floor(Date.now() / 1000),
          source_id: null,
          attachments: message.attachments.map((a) => ({ file_type: a.type.split("/")[0], data_url: "" })),
        });
      }
      send(404, { error: `no route ${req.method} ${url.pathname}` });
    })().catch((error) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    contacts,
    conversations,
    messages,
    calls,
    /** Hosts a file as an agent attachment's `data_url`. */
    host(name: string, type: string, data: Buffer): string {
      files.set(name, { type, data });
      return `${url}/files/${name}`;
    },
    deleteConversation(id: number) {
      conversations.splice(
        conversations.findIndex((c) => c.id === id),
        1,
      );
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

// --- Internal helpers ---

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseMessage(
  req: IncomingMessage,
  raw: Buffer,
  conversationId: number,
  id: number,
): Promise<FakeMessage> {
  if (!String(req.headers["content-type"]).startsWith("multipart/form-data")) {
    const input = JSON.parse(raw.toString());
    return {
      id,
      conversationId,
      content: input.content,
      messageType: input.message_type,
      private: !!input.private,
      attachments: [],
    };
  }
  const form = await new Request("http://fake", {
    method: "POST",
    headers: { "content-type": String(req.headers["content-type"]) },
    body: raw,
  }).formData();
  const attachments = await Promise.all(
    form.getAll("attachments[]").map(async (f) => ({
      name: (f as File).name,
      type: (f as File).type,
      data: Buffer.from(await (f as File).arrayBuffer()),
    })),
  );
  return {
    id,
    conversationId,
    content: String(form.get("content") ?? ""),
    messageType: String(form.get("message_type")),
    private: form.get("private") === "true",
    attachments,
  };
}
