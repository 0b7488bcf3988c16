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
import type { FreezeStep } from "./freeze.js";
import type { RunState } from "./records.js";
import type { DailyCounter } from "./daily-cap.js";
import { linkOf } from "./official.js";
import { CampaignPacer } from "./pacer.js";
import { dayIn } from "./schedule.js";
import { DEFAULT_LIMIT_WINDOW_MS, limitOfError } from "../limits/limits.js";
import type { Campaign, CampaignLimit, CampaignPacing, CampaignProgress } from "./schema.js";
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
  /** Freezes the next page of a run's recipients (while `frozen` is false); undefined when the run is no longer this one's. */
  freeze?(): Promise<FreezeStep | undefined>;
  /** A profile's WhatsApp limit in force now (wa.limits), so a run pauses it before WhatsApp refuses. */
  limitOf?(profileId: string): Promise<CampaignLimit | undefined>;
  /** A limit's pause when WhatsApp gave no end. @default DEFAULT_LIMIT_WINDOW_MS */
  limitWindowMs?: number;
}

export const CURSOR_EVERY = 50;
/** Messages of one run waiting in profile outboxes at most; more would only pile up behind a slow profile. */
const WINDOW = 200;
/** Sends of one recipient refused for a limit, at most: each retry is a new message (a new idempotency key). */
const MAX_LIMITED_ATTEMPTS = 20;
/** How long a profile's reported limit is trusted before asking wa.limits again. */
const LIMIT_CHECK_MS = 2_000;

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
  /** Each recipient's state by `seq`; grows as the freeze adds pages (its length is a capacity, `state.total` the count). */
  private statuses: Uint8Array;
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
  /**
   * Profiles paused by a WhatsApp limit (issue #21), until when. Their recipients wait in `deferred` and are
   * sent after the pause by the same profile (so a restarted run finds them by key); other profiles go on.
   */
  private readonly paused = new Map<string, CampaignLimit>();
  private readonly deferred = new Set<number>();
  /** Sends of a recipient refused for a limit so far: the next one's key gets `:retry<n>`. */
  private readonly attempts = new Map<number, number>();
  private readonly checked = new Map<string, number>();
  /** Wakes the send loop waiting for the freeze's next page. */
  private grown?: () => void;
  private freezeFailed?: { error: unknown };
  /** The freeze found the run taken over (a new run, another node): this one stops. */
  private freezeLost = false;
  private sendDone = false;
  private freezing?: Promise<void>;
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
    this.grown?.();
    await this.done?.catch(() => undefined);
    await this.deps.saveCursor(this.state.cursor);
  }

  updatePacing(pacing: CampaignPacing): void {
    this.campaign.pacing = pacing;
    this.pacer.update(pacing);
  }

  progress(): CampaignProgress {
    const c = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < this.state.total; i++) c[this.statuses[i]!]!++;
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
      ...(this.pausedNow().length ? { limited: this.pausedNow() } : {}),
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
    try {
      return await this.send(signal);
    } finally {
      this.sendDone = true; // a send loop that threw leaves the freeze too
      await this.freezing;
    }
  }

  private async send(signal: AbortSignal): Promise<"completed" | "stopped"> {
    // A resumed run: recipients whose state was saved are done (whichever node handled them).
    if (this.state.cursor > 0)
      for (const { seq, state } of await this.recipients.handled())
        if (seq < this.state.total) this.statuses[seq] = STATE.indexOf(state);
    // Up to here a previous process may have sent without saving the cursor: look before sending.
    const uncertainUntil = this.state.cursor > 0 ? this.state.cursor + CURSOR_EVERY : 0;
    for (let i = 0; ; i++) {
      if (i >= this.state.total && !(await this.frozenUpTo(i, signal))) break;
      if (signal.aborted) return "stopped";
      if (this.statuses[i] !== S.Pending) continue;
      if (i < uncertainUntil && (await this.recover(i))) continue;
      await this.process(i, signal);
      // The rest is frozen once the first message is on its way: the embedded database runs one
      // statement at a time, and the first send should not wait behind the freeze's pages.
      this.freezing ??= this.freeze(signal);
      if (signal.aborted) return "stopped";
      this.state.cursor = Math.max(this.state.cursor, i + 1);
      if (this.state.cursor % CURSOR_EVERY === 0) await this.deps.saveCursor(this.state.cursor);
    }
    await this.deps.saveCursor(this.state.cursor);
    // Recipients of paused profiles (and refusals still coming in while the last sends settle).
    while ((this.inflight > 0 || this.deferred.size > 0) && !signal.aborted) {
      const ready = [...this.deferred].filter((i) => !this.pausedUntil(this.profileFor(i)));
      if (!ready.length) {
        await this.untilResume(signal);
        continue;
      }
      for (const i of ready) {
        if (signal.aborted) break;
        this.deferred.delete(i);
        if (this.statuses[i] === S.Pending) await this.process(i, signal);
      }
    }
    return signal.aborted ? "stopped" : "completed";
  }

  /** Freezes the rest of the run's recipients, page after page, while the loop sends. */
  private async freeze(signal: AbortSignal): Promise<void> {
    try {
      while (!this.state.frozen && !signal.aborted && !this.sendDone) {
        const step = await this.deps.freeze!();
        if (!step) {
          this.freezeLost = true;
          break;
        }
        if (step.total > this.statuses.length) {
          const grown = new Uint8Array(Math.max(step.total, this.statuses.length * 2));
          grown.set(this.statuses);
          this.statuses = grown;
        }
        this.state.total = step.total;
        this.state.frozen = step.frozen;
        this.deps.changed();
        this.grown?.();
      }
    } catch (error) {
      this.freezeFailed = { error };
    }
    this.grown?.();
  }

  /** Waits until recipient `i` is frozen; false when the list is complete without it. Throws what the freeze threw. */
  private async frozenUpTo(i: number, signal: AbortSignal): Promise<boolean> {
    this.freezing ??= this.freeze(signal);
    while (i >= this.state.total && !this.state.frozen) {
      if (this.freezeFailed) throw this.freezeFailed.error;
      if (this.freezeLost) this.abort.abort();
      if (signal.aborted) return true; // the loop sees the abort and stops
      await new Promise<void>((resolve) => (this.grown = resolve));
      this.grown = undefined;
    }
    return i < this.state.total;
  }

  /** A recipient handled before the restart: take its state from storage. False when it still needs handling. */
  private async recover(i: number): Promise<boolean> {
    const profileId = this.profileFor(i);
    const recipient = await this.recipients.get(i);
    for (;;) {
      // The outbox derives a message's id from its idempotency key.
      const key = this.key(recipient, this.attempts.get(i));
      const record = await this.deps.records.get(profileId, idempotentMessageId(profileId, key));
      if (!record) return false;
      // Refused for a limit before the restart: the next attempt has the next key.
      if (record.status === "failed" && limitOfError(record.error) && this.nextAttempt(i)) continue;
      this.track(i, record);
      return true;
    }
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
    if (await this.pausedNow(profileId)) return void this.deferred.add(i);
    await this.underDailyCap(profileId, signal);
    while (this.inflight >= WINDOW && !signal.aborted) {
      await new Promise<void>((r) => (this.wake = r));
      this.pacer.restart();
    }
    await this.pacer.wait(signal);
    if (signal.aborted) return;
    try {
      let record = await this.deps.send(profileId, {
        to: recipient.jid,
        content: this.render(recipient, profileId, contact),
        options: { idempotencyKey: this.key(recipient, this.attempts.get(i)), holdWhenLimited: false },
      });
      // The key's message was refused for a limit in an earlier process (a resumed run): a new attempt.
      while (record.status === "failed" && limitOfError(record.error) && this.nextAttempt(i))
        record = await this.deps.send(profileId, {
          to: recipient.jid,
          content: this.render(recipient, profileId, contact),
          options: { idempotencyKey: this.key(recipient, this.attempts.get(i)), holdWhenLimited: false },
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
    this.deps.tracker.watch(record.id, (status, error) => {
      const next = FROM_RECORD[status];
      const limit = next === S.Failed && this.statuses[i]! <= S.Sent ? limitOfError(error) : undefined;
      if (limit && this.nextAttempt(i)) {
        // WhatsApp refused it for a limit on the profile: pause the profile, send again after (issue #21).
        this.deps.tracker.unwatch(record.id);
        this.watched.delete(record.id);
        this.pause(record.profileId, limit);
        this.set(i, S.Pending);
        this.deferred.add(i);
        this.wake?.();
        return;
      }
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

  /** Whether `i` may be sent again after a refusal (and counts the attempt). */
  private nextAttempt(i: number): boolean {
    const n = (this.attempts.get(i) ?? 0) + 1;
    if (n >= MAX_LIMITED_ATTEMPTS) return false;
    this.attempts.set(i, n);
    return true;
  }

  private pause(profileId: string, limit: { kind: CampaignLimit["kind"]; until?: number; detail?: string }): void {
    const inferred = limit.until === undefined;
    const until = limit.until ?? Date.now() + (this.deps.limitWindowMs ?? DEFAULT_LIMIT_WINDOW_MS);
    const current = this.paused.get(profileId);
    if (current && current.until >= until) return;
    this.paused.set(profileId, {
      profileId,
      kind: limit.kind,
      until,
      ...(inferred ? { untilInferred: true } : {}),
      ...(limit.detail ? { detail: limit.detail } : {}),
    });
    this.deps.logger.warn(
      `campaign ${this.campaign.id}: profile ${profileId} paused until ${new Date(until).toISOString()} (${limit.kind})`,
    );
    this.deps.changed();
  }

  /** The pause of a profile still in force, if any. */
  private pausedUntil(profileId: string): number | undefined {
    const pause = this.paused.get(profileId);
    if (pause && pause.until > Date.now()) return pause.until;
    if (pause) (this.paused.delete(profileId), this.deps.changed());
    return undefined;
  }

  /** Paused profiles now; with a profile id, whether it is paused, asking wa.limits now and then. */
  private pausedNow(): CampaignLimit[];
  private pausedNow(profileId: string): Promise<boolean>;
  private pausedNow(profileId?: string): CampaignLimit[] | Promise<boolean> {
    if (profileId === undefined) return [...this.paused.values()].filter((p) => p.until > Date.now());
    return (async () => {
      if (this.pausedUntil(profileId)) return true;
      const last = this.checked.get(profileId) ?? 0;
      if (!this.deps.limitOf || Date.now() - last < LIMIT_CHECK_MS) return false;
      this.checked.set(profileId, Date.now());
      const limit = await this.deps.limitOf(profileId).catch(() => undefined);
      if (limit && limit.until > Date.now()) this.pause(profileId, limit);
      return !!this.pausedUntil(profileId);
    })();
  }

  /** Sleeps until the first pause ends, a refusal defers someone, or the run stops. */
  private async untilResume(signal: AbortSignal): Promise<void> {
    const ends = [...this.paused.values()].map((p) => p.until);
    const ms = ends.length ? Math.max(0, Math.min(...ends) - Date.now()) + 10 : undefined;
    await new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
      this.wake = () => (clearTimeout(timer), resolve());
      signal.addEventListener("abort", () => this.wake?.(), { once: true });
    });
    this.deps.changed();
  }

  private profileFor(i: number): string {
    const ids = this.campaign.profileIds;
    return ids[i % ids.length]!;
  }

  private key(recipient: Recipient, attempt = 0): string {
    const key = `campaign:${this.campaign.id}:${this.state.run}:${recipient.key}`;
    return attempt ? `${key}:retry${attempt}` : key;
  }

  private day(): string {
    const s = this.campaign.schedule;
    return dayIn(s.type === "now" ? "UTC" : s.timeZone);
  }
}
