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
 * The Chatwoot Application API endpoints the bridge uses, in memory: contacts (search, create, contact
 * inboxes), conversations, messages (JSON or multipart with `attachments[]`), plus `/files/*` to host
 * an agent's attachment. Every call is recorded; a wrong `api_access_token` is 401.
 */
export async function startFakeChatwoot(token: string, accountId = 1) {
  const contacts: { id: number; name: string; phone_number: string; identifier?: string }[] = [];
  const contactInboxes: { contactId: number; inboxId: number; sourceId: string }[] = [];
  const conversations: { id: number; contactId: number; inboxId: number; sourceId: string }[] = [];
  const messages: FakeMessage[] = [];
  const calls: string[] = [];
  const files = new Map<string, { type: string; data: Buffer }>();
  const base = `/api/v1/accounts/${accountId}`;
  let nextConversation = 100;

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url!, "http://fake");
      const raw = await body(req);
      const send = (status: number, json: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
      if (url.pathname.startsWith("/files/")) {
        const file = files.get(url.pathname.slice(7));
        return file ? res.writeHead(200, { "content-type": file.type }).end(file.data) : send(404, {});
      }
      calls.push(`${req.method} ${url.pathname}`);
      if (req.headers.api_access_token !== token) return send(401, { error: "Invalid Access Token" });
      const path = url.pathname.slice(base.length);
      let m: RegExpMatchArray | null;
      if (req.method === "GET" && path === "/contacts/search") {
        const q = url.searchParams.get("q") ?? "";
        return send(200, { meta: { count: 0 }, payload: contacts.filter((c) => c.phone_number.includes(q) || c.name.includes(q) || c.identifier?.includes(q)) });
      }
      if (req.method === "POST" && path === "/contacts") {
        const input = JSON.parse(raw.toString());
        const contact = { id: contacts.length + 1, name: input.name, phone_number: input.phone_number, identifier: input.identifier };
        contacts.push(contact);
        const link = { contactId: contact.id, inboxId: input.inbox_id, sourceId: randomUUID() };
        contactInboxes.push(link);
        return send(200, { payload: { contact, contact_inbox: { source_id: link.sourceId, inbox: { id: input.inbox_id } } } });
      }
      if (req.method === "POST" && (m = path.match(/^\/contacts\/(\d+)\/contact_inboxes$/))) {
        const input = JSON.parse(raw.toString());
        const link = { contactId: Number(m[1]), inboxId: input.inbox_id, sourceId: randomUUID() };
        contactInboxes.push(link);
        return send(200, { source_id: link.sourceId, inbox: { id: input.inbox_id } });
      }
      if (req.method === "POST" && path === "/conversations") {
        const input = JSON.parse(raw.toString());
        if (!contactInboxes.some((l) => l.sourceId === input.source_id && l.contactId === input.contact_id)) return send(422, { error: "source_id does not belong to the contact" });
        const conversation = { id: nextConversation++, contactId: input.contact_id, inboxId: input.inbox_id, sourceId: input.source_id };
        conversations.push(conversation);
        return send(200, { id: conversation.id, inbox_id: conversation.inboxId, status: input.status });
      }
      if (req.method === "POST" && (m = path.match(/^\/conversations\/(\d+)\/messages$/))) {
        const conversationId = Number(m[1]);
        if (!conversations.some((c) => c.id === conversationId)) return send(404, { error: "Resource could not be found" });
        const message = await parseMessage(req, raw, conversationId, messages.length + 1000);
        messages.push(message);
        return send(200, { id: message.id, content: message.content, message_type: message.messageType, conversation_id: conversationId });
      }
      send(404, { error: `no route ${req.method} ${url.pathname}` });
    })().catch((error) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url, contacts, conversations, messages, calls,
    /** Hosts a file as an agent attachment's `data_url`. */
    host(name: string, type: string, data: Buffer): string {
      files.set(name, { type, data });
      return `${url}/files/${name}`;
    },
    deleteConversation(id: number) {
      conversations.splice(conversations.findIndex((c) => c.id === id), 1);
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

async function parseMessage(req: IncomingMessage, raw: Buffer, conversationId: number, id: number): Promise<FakeMessage> {
  if (!String(req.headers["content-type"]).startsWith("multipart/form-data")) {
    const input = JSON.parse(raw.toString());
    return { id, conversationId, content: input.content, messageType: input.message_type, private: !!input.private, attachments: [] };
  }
  const form = await new Request("http://fake", { method: "POST", headers: { "content-type": String(req.headers["content-type"]) }, body: raw }).formData();
  const attachments = await Promise.all(
    form.getAll("attachments[]").map(async (f) => ({ name: (f as File).name, type: (f as File).type, data: Buffer.from(await (f as File).arrayBuffer()) })),
  );
  return { id, conversationId, content: String(form.get("content") ?? ""), messageType: String(form.get("message_type")), private: form.get("private") === "true", attachments };
}
