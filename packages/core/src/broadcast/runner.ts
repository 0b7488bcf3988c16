import type { Contact } from "../contacts/schema.js";
import type { ContactStore } from "../contacts/store.js";
import type { EngineLogger } from "../engine/types.js";
import { isMultiWAError } from "../errors.js";
import { idempotentMessageId } from "../outbox/outbox.js";
import { sleep } from "../outbox/pacing.js";
import type { MessageRecord, MessageRecords, MessageStatus } from "../outbox/records.js";
import type { MessageContent, SendRequest } from "../schemas/message.js";
import { renderSegments, compileTemplate, type Segment } from "../templates/render.js";
import { renderBusinessTemplate } from "../templates/business-link.js";
import { toContent, type Template } from "../templates/store.js";
import type { RecipientList, Recipient } from "./audience.js";
import type { RunState } from "./records.js";
import type { DailyCounter } from "./daily-cap.js";
import { linkOf } from "./official.js";
import { CampaignPacer } from "./pacer.js";
import { dayIn } from "./schedule.js";
import type { Campaign, CampaignPacing, CampaignProgress } from "./schema.js";
import type { RecipientState } from "./table.js";
import type { MessageTracker } from "./tracker.js";

export interface RunnerDeps {
  contacts: ContactStore;
  records: MessageRecords;
  tracker: MessageTracker;
  daily: DailyCounter;
  logger: EngineLogger;
  send(profileId: string, request: SendRequest): Promise<MessageRecord>;
  /** Whether a number is on WhatsApp (the profile's cached, rate-limited check); undefined when unknown. */
  isOnWhatsApp?(profileId: string, phone: string, signal: AbortSignal): Promise<boolean | undefined>;
  /** Something changed: progress to report. */
  changed(): void;
  /** Saves the cursor (awaited every CURSOR_EVERY recipients). */
  saveCursor(cursor: number): Promise<void>;
}

export const CURSOR_EVERY = 50;
/** Messages of one run waiting in profile outboxes at most; more would only pile up behind a slow profile. */
const WINDOW = 200;

const enum S {
  Pending,
  Queued,
  Sent,
  Delivered,
  Read,
  Failed,
  Skipped,
  NotOnWhatsApp,
}
const FROM_RECORD: Record<MessageStatus, S> = {
  queued: S.Queued,
  sending: S.Queued,
  sent: S.Sent,
  delivered: S.Delivered,
  read: S.Read,
  failed: S.Failed,
};
const STATE: RecipientState[] = [
  "pending",
  "queued",
  "sent",
  "delivered",
  "read",
  "failed",
  "skipped",
  "not_on_whatsapp",
];

/**
 * Sends one run of a campaign, recipient by recipient, through `MultiWA.send` with the key
 * `campaign:<id>:<run>:<contact>`. The cursor saved before a crash may lag the truth by up to
 * CURSOR_EVERY recipients; those are looked up by key on resume, so nobody gets a second message.
 */
export class CampaignRunner {
  readonly statuses: Uint8Array;
  private readonly abort = new AbortController();
  private readonly pacer: CampaignPacer;
  private segments?: Segment[];
  private inflight = 0;
  private wake?: () => void;
  private templateUses = 0;
  /** Recipients whose state changed since the last `takeStateChanges`, for `campaign_recipients`. */
  private changes = new Map<number, RecipientState>();
  /** Message ids whose receipts this run still waits for. */
  private readonly watched = new Set<string>();
  done?: Promise<"completed" | "stopped">;

  constructor(
    private readonly deps: RunnerDeps,
    readonly campaign: Campaign,
    private readonly state: RunState,
    private readonly recipients: RecipientList,
    private readonly template?: Template,
    /** Profiles that send the platform's approved template instead of text (the Cloud API). */
    private readonly official: ReadonlySet<string> = new Set(),
  ) {
    this.statuses = new Uint8Array(state.total);
    this.pacer = new CampaignPacer(campaign.pacing, campaign.profileIds.length);
  }

  get run(): number {
    return this.state.run;
  }

  get cursor(): number {
    return this.state.cursor;
  }

  start(): void {
    this.done = this.loop().catch((error: unknown) => {
      if (this.abort.signal.aborted) return "stopped" as const;
      throw error;
    });
  }

  /** Stops sending and saves the cursor; messages already queued still go out. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.wake?.();
    await this.done?.catch(() => undefined);
    await this.deps.saveCursor(this.state.cursor);
  }

  updatePacing(pacing: CampaignPacing): void {
    this.campaign.pacing = pacing;
    this.pacer.update(pacing);
  }

  progress(): CampaignProgress {
    const c = [0, 0, 0, 0, 0, 0, 0, 0];
    for (const s of this.statuses) c[s]!++;
    return {
      total: this.state.total,
      pending: c[S.Pending]!,
      queued: c[S.Queued]!,
      sent: c[S.Sent]!,
      delivered: c[S.Delivered]!,
      read: c[S.Read]!,
      failed: c[S.Failed]!,
      skipped: c[S.Skipped]!,
      notOnWhatsApp: c[S.NotOnWhatsApp]!,
    };
  }

  /** States changed since the last call (written to SQL with the progress). */
  takeStateChanges(): Map<number, RecipientState> {
    const changes = this.changes;
    this.changes = new Map();
    return changes;
  }

  /** Stops listening for receipts (a finished run the node no longer keeps). */
  dispose(): void {
    for (const id of this.watched) this.deps.tracker.unwatch(id);
    this.watched.clear();
  }

  /** Template sends since the last call, for usage statistics. */
  takeTemplateUses(): number {
    const n = this.templateUses;
    this.templateUses = 0;
    return n;
  }

  // --- Internal helpers ---

  private async loop(): Promise<"completed" | "stopped"> {
    const signal = this.abort.signal;
    // A resumed run: recipients whose state was saved are done (whichever node handled them).
    if (this.state.cursor > 0)
      for (const { seq, state } of await this.recipients.handled())
        if (seq < this.statuses.length) this.statuses[seq] = STATE.indexOf(state);
    // Up to here a previous process may have sent without saving the cursor: look before sending.
    const uncertainUntil = this.state.cursor > 0 ? Math.min(this.state.total, this.state.cursor + CURSOR_EVERY) : 0;
    for (let i = 0; i < this.state.total; i++) {
      if (signal.aborted) return "stopped";
      if (this.statuses[i] !== S.Pending) continue;
      if (i < uncertainUntil && (await this.recover(i))) continue;
      await this.process(i, signal);
      if (signal.aborted) return "stopped";
      this.state.cursor = Math.max(this.state.cursor, i + 1);
      if (this.state.cursor % CURSOR_EVERY === 0) await this.deps.saveCursor(this.state.cursor);
    }
    await this.deps.saveCursor(this.state.cursor);
    while (this.inflight > 0 && !signal.aborted) await new Promise<void>((r) => (this.wake = r));
    return signal.aborted ? "stopped" : "completed";
  }

  /** A recipient handled before the restart: take its state from storage. False when it still needs handling. */
  private async recover(i: number): Promise<boolean> {
    const profileId = this.profileFor(i);
    const recipient = await this.recipients.get(i);
    // The outbox derives a message's id from its idempotency key.
    const record = await this.deps.records.get(profileId, idempotentMessageId(profileId, this.key(recipient)));
    if (!record) return false;
    this.track(i, record);
    return true;
  }

  private async process(i: number, signal: AbortSignal): Promise<void> {
    const recipient = await this.recipients.get(i);
    const contact = await this.deps.contacts.find(this.campaign.workspaceId, recipient.key);
    if (contact?.optOut) return this.set(i, S.Skipped);
    const profileId = this.profileFor(i);
    if (this.campaign.skipNotOnWhatsApp && this.deps.isOnWhatsApp && recipient.jid.endsWith("@s.whatsapp.net")) {
      const on = await this.deps.isOnWhatsApp(profileId, recipient.jid.split("@")[0]!, signal);
      if (signal.aborted) return;
      if (on === false) return this.set(i, S.NotOnWhatsApp);
    }
    await this.underDailyCap(profileId, signal);
    while (this.inflight >= WINDOW && !signal.aborted) {
      await new Promise<void>((r) => (this.wake = r));
      this.pacer.restart();
    }
    await this.pacer.wait(signal);
    if (signal.aborted) return;
    try {
      const record = await this.deps.send(profileId, {
        to: recipient.jid,
        content: this.render(recipient, profileId, contact),
        options: { idempotencyKey: this.key(recipient) },
      });
      this.track(i, record);
      if (this.template) this.templateUses++;
      if (this.campaign.pacing.dailyCap) await this.deps.daily.add(profileId, this.day());
    } catch (error) {
      // Content that cannot be sent to this person (an empty personalised text, a bad number) fails that recipient only.
      if (
        !isMultiWAError(error) ||
        !["VALIDATION_FAILED", "INVALID_JID", "CAPABILITY_UNSUPPORTED"].includes(error.code)
      )
        throw error;
      this.deps.logger.warn(`campaign ${this.campaign.id}: recipient ${recipient.key} failed`, error.message);
      this.set(i, S.Failed);
    }
  }

  private async underDailyCap(profileId: string, signal: AbortSignal): Promise<void> {
    const cap = this.campaign.pacing.dailyCap;
    while (cap && !signal.aborted && (await this.deps.daily.count(profileId, this.day())) >= cap) {
      this.pacer.restart();
      await sleep(60_000, signal).catch(() => undefined);
    }
  }

  private render(recipient: Recipient, profileId: string, contact?: Contact): MessageContent {
    const message = this.campaign.message;
    const data = {
      ...((contact?.name ?? recipient.name) ? { name: contact?.name ?? recipient.name } : {}),
      ...((recipient.phone ?? contact?.phone) ? { phone: recipient.phone ?? contact?.phone } : {}),
      fields: { ...contact?.fields, ...recipient.fields },
    };
    const link = linkOf(message, this.template);
    if (link && this.official.has(profileId)) return renderBusinessTemplate(link, data, this.template?.defaults);
    const body = this.template?.body ?? message.text!;
    this.segments ??= compileTemplate(body);
    const { text } = renderSegments(this.segments, data, this.template?.defaults);
    return toContent(text, this.template?.media ?? message.media);
  }

  private track(i: number, record: MessageRecord): void {
    this.set(i, FROM_RECORD[record.status]);
    if (record.status === "read" || record.status === "failed") return;
    this.watched.add(record.id);
    this.deps.tracker.watch(record.id, (status) => {
      const next = FROM_RECORD[status];
      if (next === S.Failed ? this.statuses[i] === S.Queued : next > this.statuses[i]!) this.set(i, next);
      if (next === S.Read || next === S.Failed) (this.deps.tracker.unwatch(record.id), this.watched.delete(record.id));
    });
  }

  private set(i: number, status: S): void {
    const was = this.statuses[i]!;
    if (was === status) return;
    this.statuses[i] = status;
    this.changes.set(i, STATE[status]!);
    if (status === S.Queued) this.inflight++;
    if (was === S.Queued) {
      this.inflight--;
      const wake = this.wake;
      this.wake = undefined;
      wake?.();
    }
    this.deps.changed();
  }

  private profileFor(i: number): string {
    const ids = this.campaign.profileIds;
    return ids[i % ids.length]!;
  }

  private key(recipient: Recipient): string {
    return `campaign:${this.campaign.id}:${this.state.run}:${recipient.key}`;
  }

  private day(): string {
    const s = this.campaign.schedule;
    return dayIn(s.type === "now" ? "UTC" : s.timeZone);
  }
}
