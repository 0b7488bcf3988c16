import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SimCustomer, type CustomerOptions } from "./customer.js";
import { ERROR_TITLES, injectedError } from "./errors.js";
import { MediaHost } from "./media.js";
import { handleGraphRequest } from "./routes.js";
import type { BusinessMessage, InjectedFailure, PhoneNumberInfo, TemplateRecord, TemplateStatus } from "./types.js";
import type { ValidatedMessage } from "./validate.js";
import { WebhookSender } from "./webhooks.js";

export interface GraphSimulatorOptions {
  /** The system-user token every request must carry. @default "sim-access-token" */
  accessToken?: string;
  /** Signs webhooks (`X-Hub-Signature-256`). @default "sim-app-secret" */
  appSecret?: string;
  /** @default "100000000000001" */
  wabaId?: string;
  /** The business numbers of the WABA. @default one number, id "200000000000001", phone "15550000001" */
  numbers?: PhoneNumberInfo[];
  /** The app's callback URL (as set in the App Dashboard); a WABA subscription may override it. */
  webhookUrl?: string;
  /** What the app's callback verification expects back. */
  verifyToken?: string;
  retryDelaysMs?: number[];
  /** Meta's limits, off by default: sends per second per number (130429), and per recipient (131056). */
  limits?: { perSecond?: number; pairIntervalMs?: number };
  /** Listen here. @default 0 (a free port) on 127.0.0.1 */
  port?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An offline Graph API for the WhatsApp Cloud API: phone numbers, messages, media, templates and
 * webhooks, with Meta's validation and error bodies. Customers are simulated phones that write to
 * the business and read what it sent; tests steer template review, limits and failures.
 */
export class GraphApiSimulator {
  readonly accessToken: string;
  readonly appSecret: string;
  readonly wabaId: string;
  readonly numbers: PhoneNumberInfo[];
  readonly media = new MediaHost();
  readonly templates: TemplateRecord[] = [];
  /** Every message the business sent, in order. */
  readonly sent: BusinessMessage[] = [];
  readonly webhooks: WebhookSender;
  /** Every request the API answered: method, path and status (tests count refusals). */
  readonly requests: { method: string; path: string; status: number }[] = [];
  /** Set by `POST /{waba-id}/subscribed_apps` with `override_callback_uri`. */
  callbackUrl?: string;
  subscribed = false;
  limits: { perSecond?: number; pairIntervalMs?: number };
  private readonly customers = new Map<string, SimCustomer>();
  private readonly lastInbound = new Map<string, number>();
  private readonly lastSendTo = new Map<string, number>();
  private readonly recentSends: number[] = [];
  private failures: InjectedFailure[] = [];
  private clockOffset = 0;
  private server?: Server;
  private baseUrl?: string;

  constructor(readonly options: GraphSimulatorOptions = {}) {
    this.accessToken = options.accessToken ?? "sim-access-token";
    this.appSecret = options.appSecret ?? "sim-app-secret";
    this.wabaId = options.wabaId ?? "100000000000001";
    this.numbers = options.numbers ?? [
      { id: "200000000000001", phone: "15550000001", verifiedName: "MultiWA Sim", qualityRating: "GREEN" },
    ];
    this.limits = { ...options.limits };
    this.webhooks = new WebhookSender({
      appSecret: this.appSecret,
      ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    });
  }

  /** Starts listening; resolves with the base URL (`http://127.0.0.1:port`) to use as the Graph URL. */
  async start(): Promise<string> {
    const server = createServer((req, res) => void handleGraphRequest(this, req, res));
    await new Promise<void>((resolve) => server.listen(this.options.port ?? 0, "127.0.0.1", resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  get url(): string {
    if (!this.baseUrl) throw new Error("GraphApiSimulator is not started");
    return this.baseUrl;
  }

  async close(): Promise<void> {
    this.webhooks.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections?.();
  }

  /** The simulated customer with this number (digits), created on first use. */
  customer(waId: string, options?: CustomerOptions): SimCustomer {
    const digits = waId.replace(/\D/g, "");
    let customer = this.customers.get(digits);
    if (!customer) this.customers.set(digits, (customer = new SimCustomer(this, digits, options)));
    return customer;
  }

  /** Approves, rejects or pauses a template under review and tells the app (`message_template_status_update`). */
  async reviewTemplate(
    name: string,
    language: string,
    status: Exclude<TemplateStatus, "PENDING">,
    reason = "NONE",
  ): Promise<void> {
    const template = this.templates.find((t) => t.name === name && t.language === language);
    if (!template) throw new Error(`no template ${name} (${language})`);
    template.status = status;
    if (status === "REJECTED") template.rejectedReason = reason;
    await this.notify("message_template_status_update", {
      event: status,
      message_template_id: Number(template.id),
      message_template_name: name,
      message_template_language: language,
      reason,
    });
  }

  /** The next `count` sends (to `to`, or anyone) fail with Meta's error `code`. */
  failNext(failure: InjectedFailure): void {
    this.failures.push({ ...failure });
  }

  /** Moves the simulator's clock (the 24-hour window) forward. */
  advanceTime(ms: number): void {
    this.clockOffset += ms;
  }

  now(): number {
    return Date.now() + this.clockOffset;
  }

  /** The WhatsApp Business app on the same number sends a message (coexistence): an `smb_message_echoes` webhook. */
  async businessAppSends(to: string, text: string, number = this.numbers[0]!): Promise<string> {
    const id = wamid();
    await this.notify("smb_message_echoes", {
      messaging_product: "whatsapp",
      metadata: metadata(number),
      message_echoes: [
        { from: number.phone, to, id, timestamp: seconds(this.now()), type: "text", text: { body: text } },
      ],
    });
    return id;
  }

  // --- Used by routes and customers ---

  /** @internal Throughput, pair rate and injected failures, checked before a send is accepted. */
  admit(to: string): void {
    const now = this.now();
    const index = this.failures.findIndex(
      (f) => f.count > 0 && (!f.to || f.to === to) && f.code !== 131049 && f.code !== 131047,
    );
    if (index >= 0) {
      const failure = this.failures[index]!;
      if (--failure.count <= 0) this.failures.splice(index, 1);
      throw injectedError(failure.code);
    }
    while (this.recentSends.length && this.recentSends[0]! <= now - 1000) this.recentSends.shift();
    if (this.limits.perSecond && this.recentSends.length >= this.limits.perSecond) throw injectedError(130429);
    const last = this.lastSendTo.get(to);
    if (this.limits.pairIntervalMs && last !== undefined && now - last < this.limits.pairIntervalMs)
      throw injectedError(131056);
    this.recentSends.push(now);
    this.lastSendTo.set(to, now);
  }

  /** @internal Records an accepted send and plays out its statuses. */
  accept(number: PhoneNumberInfo, message: ValidatedMessage): BusinessMessage {
    const record: BusinessMessage = {
      id: wamid(),
      to: message.to,
      type: message.type,
      body: message.body,
      timestamp: this.now(),
      status: "accepted",
      ...(message.replyTo ? { replyTo: message.replyTo } : {}),
      ...(message.bizOpaqueCallbackData ? { bizOpaqueCallbackData: message.bizOpaqueCallbackData } : {}),
    };
    this.sent.push(record);
    const customer = this.findCustomer(message.to);
    const window = customer ? this.lastInbound.get(customer.waId) : undefined;
    const failure = this.takeLateFailure(message.to);
    const lateCode =
      failure ??
      (!message.template && message.type !== "reaction" && (window === undefined || this.now() - window > DAY_MS)
        ? 131047
        : undefined);
    queueMicrotask(() => void this.playStatuses(number, record, customer, lateCode));
    return record;
  }

  /** @internal A customer message reaches the business: window opened, webhook posted. */
  async customerSends(
    customer: SimCustomer,
    type: string,
    body: Record<string, unknown>,
    replyTo?: string,
    number = this.numbers[0]!,
  ): Promise<string> {
    const id = wamid();
    this.lastInbound.set(customer.waId, this.now());
    const message: Record<string, unknown> = {
      ...(customer.options.hidePhone ? {} : { from: customer.waId }),
      from_user_id: customer.bsuid,
      id,
      timestamp: seconds(this.now()),
      type,
      [type]: body,
      ...(replyTo ? { context: { from: number.phone, id: replyTo } } : {}),
    };
    const contact = {
      profile: { name: customer.name, ...(customer.options.username ? { username: customer.options.username } : {}) },
      ...(customer.options.hidePhone ? {} : { wa_id: customer.waId }),
      user_id: customer.bsuid,
    };
    void this.notify("messages", {
      messaging_product: "whatsapp",
      metadata: metadata(number),
      contacts: [contact],
      messages: [message],
    });
    return id;
  }

  /** @internal Moves a sent message on and reports it (`statuses`). */
  async advanceStatus(
    message: BusinessMessage,
    status: "sent" | "delivered" | "read" | "failed",
    error?: number,
    number = this.numbers[0]!,
  ): Promise<void> {
    const rank = { accepted: 0, sent: 1, delivered: 2, read: 3, failed: 4 };
    if (rank[status] <= rank[message.status] || message.status === "failed") return;
    message.status = status;
    const customer = this.findCustomer(message.to);
    const entry: Record<string, unknown> = {
      id: message.id,
      status,
      timestamp: seconds(this.now()),
      ...(customer?.options.hidePhone ? {} : { recipient_id: customer?.waId ?? message.to }),
      ...(customer ? { recipient_user_id: customer.bsuid } : {}),
      ...(message.bizOpaqueCallbackData ? { biz_opaque_callback_data: message.bizOpaqueCallbackData } : {}),
      ...(status === "sent"
        ? {
            pricing: {
              billable: message.type === "template",
              pricing_model: "PMP",
              category: message.type === "template" ? "marketing" : "service",
            },
          }
        : {}),
    };
    if (error) {
      const title = ERROR_TITLES[error] ?? `Error ${error}`;
      message.error = { code: error, title };
      entry.errors = [{ code: error, title, message: title, error_data: { details: title } }];
    }
    await this.notify("messages", { messaging_product: "whatsapp", metadata: metadata(number), statuses: [entry] });
  }

  /** @internal Posts one change to the subscribed callback. */
  async notify(field: string, value: Record<string, unknown>): Promise<void> {
    const url = this.callbackUrl ?? this.options.webhookUrl;
    if (!url || (!this.subscribed && !this.options.webhookUrl)) return;
    await this.webhooks.post(url, {
      object: "whatsapp_business_account",
      entry: [{ id: this.wabaId, changes: [{ field, value }] }],
    });
  }

  /** @internal */
  number(id: string): PhoneNumberInfo | undefined {
    return this.numbers.find((n) => n.id === id);
  }

  // --- Internal helpers ---

  private findCustomer(to: string): SimCustomer | undefined {
    return this.customers.get(to) ?? [...this.customers.values()].find((c) => c.bsuid === to);
  }

  private takeLateFailure(to: string): number | undefined {
    const index = this.failures.findIndex(
      (f) => f.count > 0 && (!f.to || f.to === to) && (f.code === 131049 || f.code === 131047),
    );
    if (index < 0) return undefined;
    const failure = this.failures[index]!;
    if (--failure.count <= 0) this.failures.splice(index, 1);
    return failure.code;
  }

  private async playStatuses(
    number: PhoneNumberInfo,
    record: BusinessMessage,
    customer: SimCustomer | undefined,
    lateCode?: number,
  ): Promise<void> {
    if (lateCode) return this.advanceStatus(record, "failed", lateCode, number);
    customer?.receive(record);
    await this.advanceStatus(record, "sent", undefined, number);
    if (customer) await this.advanceStatus(record, "delivered", undefined, number);
  }
}

function wamid(): string {
  return `wamid.${randomBytes(18).toString("base64url")}`;
}

function seconds(ms: number): string {
  return String(Math.floor(ms / 1000));
}

function metadata(number: PhoneNumberInfo): Record<string, string> {
  return { display_phone_number: number.phone, phone_number_id: number.id };
}
