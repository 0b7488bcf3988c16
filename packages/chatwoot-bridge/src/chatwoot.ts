import type { ChatwootBridgeOptions } from "./options.js";
import { downloadAttachment } from "./download.js";
import type { MediaFile } from "./gateway.js";

export interface ChatwootContact {
  id: number;
  phone_number?: string | null;
  identifier?: string | null;
}

/** The Chatwoot Application API calls the bridge makes (`api_access_token` auth). */
export class ChatwootClient {
  private readonly base: string;

  constructor(private readonly options: ChatwootBridgeOptions["chatwoot"]) {
    this.base = `${options.url.replace(/\/+$/, "")}/api/v1/accounts/${options.accountId}`;
  }

  /** Contacts whose name, phone, email or identifier contain `q`. */
  async searchContacts(q: string): Promise<ChatwootContact[]> {
    const res = await this.request("GET", `/contacts/search?q=${encodeURIComponent(q)}`);
    return ((await res.json()) as { payload: ChatwootContact[] }).payload;
  }

  /** Creates a contact in the inbox; answers its id and the inbox `source_id` conversations are opened with. */
  async createContact(input: {
    name: string;
    phone: string;
    identifier: string;
  }): Promise<{ contactId: number; sourceId: string }> {
    const res = await this.request("POST", "/contacts", {
      inbox_id: this.options.inboxId,
      name: input.name,
      phone_number: input.phone,
      identifier: input.identifier,
    });
    const { payload } = (await res.json()) as {
      payload: { contact: { id: number }; contact_inbox: { source_id: string } };
    };
    return { contactId: payload.contact.id, sourceId: payload.contact_inbox.source_id };
  }

  /** Links an existing contact to the inbox. */
  async createContactInbox(contactId: number): Promise<string> {
    const res = await this.request("POST", `/contacts/${contactId}/contact_inboxes`, {
      inbox_id: this.options.inboxId,
    });
    return ((await res.json()) as { source_id: string }).source_id;
  }

  async createConversation(contactId: number, sourceId: string): Promise<number> {
    const res = await this.request("POST", "/conversations", {
      source_id: sourceId,
      inbox_id: this.options.inboxId,
      contact_id: contactId,
      status: "open",
    });
    return ((await res.json()) as { id: number }).id;
  }

  /** Adds a message; with a file it is a multipart upload (`attachments[]`). Answers undefined when the conversation is gone. */
  async createMessage(
    conversationId: number,
    message: { content: string; type: "incoming" | "outgoing"; file?: MediaFile },
  ): Promise<number | undefined> {
    const path = `/conversations/${conversationId}/messages`;
    let res: Response;
    if (message.file) {
      const form = new FormData();
      form.set("content", message.content);
      form.set("message_type", message.type);
      form.set("private", "false");
      form.append(
        "attachments[]",
        new Blob([message.file.data], { type: message.file.mimetype }),
        message.file.fileName ?? "file",
      );
      res = await this.request("POST", path, form, [404]);
    } else {
      res = await this.request(
        "POST",
        path,
        { content: message.content, message_type: message.type, private: false },
        [404],
      );
    }
    return res.status === 404 ? undefined : ((await res.json()) as { id: number }).id;
  }

  /** An agent's attachment (`data_url` of the webhook payload). */
  download(url: string): Promise<MediaFile> {
    return downloadAttachment(url, this.options);
  }

  // --- Internal helpers ---

  private async request(method: string, path: string, body?: unknown, allow: number[] = []): Promise<Response> {
    const headers: Record<string, string> = { api_access_token: this.options.apiToken };
    let payload: FormData | string | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) ((headers["content-type"] = "application/json"), (payload = JSON.stringify(body)));
    const res = await fetch(`${this.base}${path}`, { method, headers, ...(payload ? { body: payload } : {}) });
    if (!res.ok && !allow.includes(res.status))
      throw new Error(
        `[multiwa] [chatwoot-bridge] Chatwoot ${method} ${path} answered ${res.status}: ${await res.text()}`,
      );
    return res;
  }
}
