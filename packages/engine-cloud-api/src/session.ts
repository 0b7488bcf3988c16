import {
  MultiWAError,
  type BusinessTemplate,
  type BusinessTemplateDraft,
  type EngineContent,
  type EngineSendOptions,
  type EngineSession,
  type EngineSessionContext,
  type WAMessage,
} from "@multiwa/core";
import { GraphClient, metaCodeOf } from "./graph.js";
import { pruneExpired } from "./prune.js";
import { IdMap } from "./ids.js";
import { ingestPayload } from "./inbound.js";
import { CloudSettingsSchema, ENGINE_NAME, type CloudApiEngineOptions, type CloudSettings } from "./options.js";
import { toCloudMessage } from "./outbound.js";
import { SendRate } from "./rate.js";
import { TemplateClient } from "./templates.js";

/**
 * One profile on the Cloud API. There is no socket: "connected" means the number answered and the
 * app is subscribed; sends are Graph calls, and everything inbound arrives through `ingest`.
 */
export class CloudSession implements EngineSession {
  private graph?: GraphClient;
  private settings?: CloudSettings;
  private readonly ids: IdMap;
  private rate?: SendRate;
  private phone = "";

  constructor(
    private readonly ctx: EngineSessionContext,
    private readonly options: CloudApiEngineOptions,
  ) {
    this.ids = new IdMap(ctx.storage, ctx.messageIds);
  }

  async connect(): Promise<void> {
    this.ctx.emit("connection.update", { state: "connecting" });
    const parsed = CloudSettingsSchema.safeParse({ ...this.options.defaults, ...this.ctx.settings });
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
      this.ctx.logger.error(`Cloud API settings are incomplete or invalid: ${fields}`);
      // Nothing to retry until a person fixes the settings: the core treats this as a logout.
      this.ctx.emit("connection.update", {
        state: "close",
        reason: "logged_out",
        message: `missing or invalid settings: ${fields}`,
      });
      return;
    }
    const settings = (this.settings = parsed.data);
    const graph = (this.graph = new GraphClient(
      this.options.graphUrl ?? "https://graph.facebook.com",
      settings,
      this.options.fetch,
    ));
    this.rate = new SendRate(settings.messagesPerSecond ?? 80);
    try {
      const number = await graph.get<{ display_phone_number: string; verified_name?: string; quality_rating?: string }>(
        `${settings.phoneNumberId}?fields=display_phone_number,verified_name,quality_rating`,
      );
      const callback = this.options.publicUrl
        ? `${this.options.publicUrl.replace(/\/$/, "")}/api/ingress/meta/${this.ctx.profileId}`
        : undefined;
      await graph.post(
        `${settings.wabaId}/subscribed_apps`,
        callback ? { override_callback_uri: callback, verify_token: settings.verifyToken } : {},
      );
      this.phone = number.display_phone_number.replace(/\D/g, "");
      this.ctx.logger.info("Cloud API number ready", { quality: number.quality_rating });
      // Each connect (start, restart, takeover) clears what expired since; never holds up the session.
      void pruneExpired(this.ctx.storage).catch((e: unknown) =>
        this.ctx.logger.warn("pruning expired state failed", e),
      );
      this.ctx.emit("connection.update", {
        state: "open",
        me: { jid: `${this.phone}@s.whatsapp.net`, ...(number.verified_name ? { name: number.verified_name } : {}) },
      });
    } catch (error) {
      // A revoked token or a wrong id: reconnects back off until a person fixes the settings.
      this.ctx.emit("connection.update", {
        state: "close",
        reason: "connection_lost",
        message: (error as Error).message,
      });
    }
  }

  async disconnect(): Promise<void> {
    this.graph = undefined;
    this.ctx.emit("connection.update", { state: "close", reason: "closed" });
  }

  async send(to: string, content: EngineContent, options: EngineSendOptions): Promise<WAMessage> {
    const { graph, settings } = this.ready();
    const recipient = await this.recipientOf(to);
    const { type, body } = await toCloudMessage(
      content,
      (data, mimetype, fileName) => this.upload(data, mimetype, fileName),
      (id) => this.ids.wamidOf(id),
    );
    const quoted = options.quotedId ? await this.ids.wamidOf(options.quotedId) : undefined;
    const request = {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      ...recipient,
      type,
      [type]: body,
      ...(quoted ? { context: { message_id: quoted } } : {}),
      // Comes back on every status, so receipts resolve even if the id map were lost.
      biz_opaque_callback_data: options.id,
    };
    const answer = await this.withBackoff(() =>
      graph.post<{ messages?: { id: string }[] }>(`${settings.phoneNumberId}/messages`, request),
    );
    const wamid = answer.messages?.[0]?.id;
    if (!wamid)
      throw new MultiWAError("SEND_FAILED", "The Cloud API accepted the message but returned no id", {
        scope: ENGINE_NAME,
      });
    await this.ids.link(options.id, wamid);
    return {
      id: options.id,
      chatId: to,
      sender: `${this.phone}@s.whatsapp.net`,
      fromMe: true,
      timestamp: Date.now(),
      content: echo(content),
      ...(options.quotedId ? { quotedId: options.quotedId } : {}),
    };
  }

  // --- Message templates of the WABA (templates.ts) ---

  listBusinessTemplates(): Promise<BusinessTemplate[]> {
    return this.templates().list();
  }

  createBusinessTemplate(draft: BusinessTemplateDraft): Promise<BusinessTemplate> {
    return this.templates().create(draft);
  }

  deleteBusinessTemplate(name: string): Promise<void> {
    return this.templates().remove(name);
  }

  private templates(): TemplateClient {
    const { graph, settings } = this.ready();
    return new TemplateClient(graph, settings.wabaId);
  }

  /** Marks a received message (and those before it) read, showing "typing…" as the reply is prepared. */
  async markRead(_chatId: string, ids: string[]): Promise<void> {
    const { graph, settings } = this.ready();
    const last = ids.at(-1);
    if (!last) return;
    await graph.post(`${settings.phoneNumberId}/messages`, {
      messaging_product: "whatsapp",
      status: "read",
      message_id: await this.ids.wamidOf(last),
      typing_indicator: { type: "text" },
    });
  }

  async downloadMedia(message: WAMessage): Promise<Uint8Array> {
    const { graph } = this.ready();
    const mediaId = await this.ids.mediaOf(message.id);
    if (!mediaId)
      throw new MultiWAError("MESSAGE_NOT_FOUND", `No Cloud API media is known for message ${message.id}`, {
        scope: ENGINE_NAME,
        details: { messageId: message.id },
      });
    const info = await graph.get<{ url: string }>(mediaId);
    return graph.download(info.url);
  }

  async ingest(payload: unknown): Promise<void> {
    await ingestPayload(payload, { ids: this.ids, storage: this.ctx.storage, emit: this.ctx.emit });
  }

  // --- Internal helpers ---

  private ready(): { graph: GraphClient; settings: CloudSettings } {
    if (!this.graph || !this.settings)
      throw new MultiWAError("ENGINE_NOT_CONNECTED", "The Cloud API session is not connected", { scope: ENGINE_NAME });
    return { graph: this.graph, settings: this.settings };
  }

  /** Phone JIDs go by number; BSUID JIDs by the phone when Meta showed it, else as `recipient`. */
  private async recipientOf(jid: string): Promise<Record<string, string>> {
    const [user = "", server] = jid.split("@");
    if (server !== "bsuid") return { to: user.split(":")[0]! };
    const phone = await this.ids.phoneOf(user);
    return phone ? { to: phone } : { recipient: user };
  }

  private async upload(data: Uint8Array, mimetype: string, fileName?: string): Promise<string> {
    const { graph, settings } = this.ready();
    const form = new FormData();
    form.set("messaging_product", "whatsapp");
    form.set("type", mimetype);
    form.set("file", new Blob([data], { type: mimetype }), fileName ?? "file");
    const answer = await this.withBackoff(() => graph.post<{ id: string }>(`${settings.phoneNumberId}/media`, form));
    return answer.id;
  }

  /**
   * Paces sends to the number's rate and waits out Meta's throughput refusals (130429, doubling
   * waits). A pair-rate refusal (131056, one message per few seconds to a user) becomes RATE_LIMITED
   * for that recipient only, which the outbox holds and retries while others go on.
   */
  private async withBackoff<T>(call: () => Promise<T>): Promise<T> {
    const { throughputMs = 1000, pairMs = 6000, maxAttempts = 8 } = this.options.backoff ?? {};
    for (let attempt = 1; ; attempt++) {
      await this.rate?.take();
      try {
        return await call();
      } catch (error) {
        const code = metaCodeOf(error);
        // The pair rate paces one recipient: the core's outbox holds their messages and sends to others.
        if (code === 131056)
          throw new MultiWAError("RATE_LIMITED", (error as Error).message.replace(/^\[multiwa\] \[[^\]]*\] /, ""), {
            cause: error,
            scope: ENGINE_NAME,
            details: { ...(error as MultiWAError).details, retryAfterMs: pairMs, perRecipient: true },
          });
        if (code !== 130429 || attempt >= maxAttempts) throw error;
        const wait = throughputMs * 2 ** (attempt - 1);
        this.ctx.logger.info(`Meta refused with ${code}; retrying in ${wait} ms`, { attempt });
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
}

/** What the core records of our own send: the content as sent, media described rather than carried. */
function echo(content: EngineContent): WAMessage["content"] {
  switch (content.type) {
    case "image":
    case "video":
    case "sticker":
    case "audio":
    case "document": {
      const { media, ...rest } = content;
      return { ...rest, mimetype: media.mimetype, size: media.data.byteLength } as WAMessage["content"];
    }
    case "interactive":
      return { type: "text", text: content.body };
    case "template":
      return {
        type: "text",
        text: `[template ${content.name}${content.parameters?.length ? `: ${content.parameters.join(", ")}` : ""}]`,
      };
    default:
      return content as WAMessage["content"];
  }
}
