import { randomBytes } from "node:crypto";
import type { EventEmitter } from "eventemitter3";
import type { Storage } from "unstorage";
import type { ContactStore } from "../contacts/store.js";
import { segment } from "../contacts/store.js";
import type { Db } from "../db/types.js";
import type { EngineLogger } from "../engine/types.js";
import { isMultiWAError, MultiWAError } from "../errors.js";
import type { EmitFn, MultiWAListeners } from "../events.js";
import type { MessageRecord, MessageRecords } from "../outbox/records.js";
import type { SendRequest } from "../schemas/message.js";
import { parseInput } from "../schemas/parse.js";
import { localLeases, type LeaseStore } from "../session/lease.js";
import type { ProfileStore } from "../session/profiles.js";
import { stripBase } from "../storage/namespaces.js";
import type { Template, TemplateStore } from "../templates/store.js";
import { KeyedSerial } from "../util/serial.js";
import { checkAudience, RecipientList, removeRecipientLists } from "./audience.js";
import { DailyCounter } from "./daily-cap.js";
import { CampaignRunner, type RunState } from "./runner.js";
import { nextRunAt, timerAt } from "./schedule.js";
import {
  CreateCampaignSchema,
  emptyProgress,
  UpdateCampaignSchema,
  type Campaign,
  type CampaignProgress,
  type CampaignStatus,
  type CreateCampaignInput,
  type UpdateCampaignInput,
} from "./schema.js";
import { MessageTracker } from "./tracker.js";

export interface CampaignsOptions {
  storage: Storage;
  /** Campaign recipients (`campaign_recipients`), and contacts read at send time. */
  db: Db;
  contacts: ContactStore;
  templates: TemplateStore;
  profiles: ProfileStore;
  records: MessageRecords;
  send(profileId: string, request: SendRequest): Promise<MessageRecord>;
  /** The number check behind `skipNotOnWhatsApp`. */
  isOnWhatsApp?(profileId: string, phone: string, signal: AbortSignal): Promise<boolean | undefined>;
  emit: EmitFn;
  events: EventEmitter<MultiWAListeners>;
  logger: EngineLogger;
  /** How often live progress is emitted and saved. @default 500 */
  progressMs?: number;
  /** One node runs each campaign: it holds the lease `campaign:<id>`. @default in-process leases */
  leases?: LeaseStore;
  nodeId?: string;
  /** @default 30000 */
  leaseTtlMs?: number;
}

const BASE = "campaigns";
const RUNS = "campaignrun";

/** Broadcast campaigns: audience, message, schedule and pacing; runs survive restarts without double sends. */
export class Campaigns {
  private readonly runners = new Map<string, CampaignRunner>();
  /** Finished runs keep counting receipts (delivered, read) that arrive after the last send. */
  private readonly finishedRuns = new Map<string, CampaignRunner>();
  private readonly finishing = new Set<string>();
  private readonly launching = new Set<string>();
  private readonly timers = new Map<string, { cancel(): void }>();
  private readonly flushes = new Map<string, NodeJS.Timeout>();
  private readonly writes = new KeyedSerial();
  private readonly tracker = new MessageTracker();
  private readonly daily: DailyCounter;
  private readonly leases: LeaseStore;
  private readonly nodeId: string;
  private readonly ttl: number;
  private tick?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly o: CampaignsOptions) {
    this.daily = new DailyCounter(o.storage);
    this.leases = o.leases ?? localLeases();
    this.nodeId = o.nodeId ?? `node-${randomBytes(4).toString("hex")}`;
    this.ttl = o.leaseTtlMs ?? 30_000;
    o.events.on("message.sent", (m) => this.tracker.update(m.id, "sent"));
    o.events.on("message.failed", (e) => this.tracker.update(e.id, "failed"));
    o.events.on("message.delivered", (e) => e.ids.forEach((id) => this.tracker.update(id, "delivered")));
    o.events.on("message.read", (e) => e.ids.forEach((id) => this.tracker.update(id, "read")));
  }

  async create(workspaceId: string, input: CreateCampaignInput): Promise<Campaign> {
    const { start, ...parsed } = parseInput(CreateCampaignSchema, input, "campaign");
    for (const id of parsed.profileIds) {
      const profile = await this.o.profiles.find(id);
      if (!profile || profile.workspaceId !== workspaceId)
        throw new MultiWAError("PROFILE_NOT_FOUND", `Profile "${id}" does not exist`, {
          details: { field: "profileIds", value: id },
        });
    }
    if (parsed.message.templateId) await this.o.templates.get(workspaceId, parsed.message.templateId);
    const csvRows = await checkAudience(this.o.contacts, workspaceId, parsed.audience); // rejects a bad CSV or unknown contacts now, not at send time
    nextRunAt(parsed.schedule);
    const now = Date.now();
    const { csv, ...audience } = parsed.audience;
    const id = `cmp_${randomBytes(6).toString("hex")}`;
    // The uploaded CSV is kept beside the campaign, which is rewritten at every progress update.
    if (csv) await this.o.storage.setItem(csvKey(workspaceId, id), csv);
    const campaign: Campaign = {
      ...parsed,
      audience: { ...audience, ...(csvRows !== undefined ? { csvRows } : {}) },
      id,
      workspaceId,
      status: "draft",
      run: 0,
      progress: emptyProgress(),
      createdAt: now,
      updatedAt: now,
    };
    await this.o.storage.setItem(key(workspaceId, campaign.id), campaign);
    return start ? this.start(workspaceId, campaign.id) : campaign;
  }

  /** The campaign with live progress. */
  async get(workspaceId: string, id: string): Promise<Campaign> {
    const campaign = await this.load(workspaceId, id);
    const runner = this.runners.get(id);
    return runner ? { ...campaign, progress: runner.progress() } : campaign;
  }

  async list(workspaceId: string, filter: { status?: CampaignStatus } = {}): Promise<Campaign[]> {
    const base = `${BASE}:${segment(workspaceId)}`;
    const ids = stripBase(await this.o.storage.getKeys(base), base);
    const all = await Promise.all(ids.map((id) => this.get(workspaceId, id).catch(() => null)));
    return all
      .filter((c): c is Campaign => !!c && (!filter.status || c.status === filter.status))
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async progress(workspaceId: string, id: string): Promise<CampaignProgress> {
    return (await this.get(workspaceId, id)).progress;
  }

  /** Renames or re-paces; a running campaign takes the new pacing at once. */
  async update(workspaceId: string, id: string, input: UpdateCampaignInput): Promise<Campaign> {
    const patch = parseInput(UpdateCampaignSchema, input, "campaign");
    const next = await this.mutate(workspaceId, id, (c) => ({
      ...c,
      ...(patch.name ? { name: patch.name } : {}),
      pacing: { ...c.pacing, ...patch.pacing },
    }));
    if (patch.pacing) this.runners.get(id)?.updatePacing(next.pacing);
    return this.get(workspaceId, next.id);
  }

  /** Starts a draft: at once, or armed for its time. */
  async start(workspaceId: string, id: string): Promise<Campaign> {
    const c = await this.load(workspaceId, id);
    if (c.status !== "draft") throw badState(c, "start");
    await this.schedule(c);
    return this.get(workspaceId, id);
  }

  async pause(workspaceId: string, id: string): Promise<Campaign> {
    const c = await this.load(workspaceId, id);
    if (c.status !== "running" && c.status !== "scheduled") throw badState(c, "pause");
    await this.halt(id);
    await this.setStatus(workspaceId, id, "paused", { pausedFrom: c.status });
    return this.get(workspaceId, id);
  }

  async resume(workspaceId: string, id: string): Promise<Campaign> {
    const c = await this.load(workspaceId, id);
    if (c.status !== "paused") throw badState(c, "resume");
    if (c.pausedFrom === "running") await this.launch(await this.setStatus(workspaceId, id, "running"), true);
    else await this.schedule(c);
    return this.get(workspaceId, id);
  }

  /** Stops for good; messages already handed to a profile still go out. */
  async cancel(workspaceId: string, id: string): Promise<Campaign> {
    const c = await this.load(workspaceId, id);
    if (["completed", "cancelled", "failed"].includes(c.status)) throw badState(c, "cancel");
    await this.halt(id);
    await this.setStatus(workspaceId, id, "cancelled", { finishedAt: Date.now() });
    return this.get(workspaceId, id);
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    await this.load(workspaceId, id);
    await this.halt(id);
    this.finishedRuns.delete(id);
    await Promise.all([
      this.o.storage.removeItem(key(workspaceId, id)),
      this.o.storage.removeItem(runKey(workspaceId, id)),
      this.o.storage.removeItem(csvKey(workspaceId, id)),
      removeRecipientLists(this.o.db, workspaceId, id),
    ]);
  }

  /**
   * After a restart: resumes running campaigns and re-arms scheduled ones. Then, every third of the
   * lease time, renews this node's campaigns and takes over those whose node is gone.
   */
  async restore(): Promise<number> {
    const restored = await this.sweep();
    this.tick ??= setInterval(
      () => void this.sweep().catch((e: unknown) => this.o.logger.warn("campaign sweep failed", e)),
      this.ttl / 3,
    );
    this.tick.unref?.();
    return restored;
  }

  /** Stops every run and timer; state stays saved for `restore`. */
  async stop(): Promise<void> {
    this.closed = true;
    clearInterval(this.tick);
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
    await Promise.all([...this.runners.keys()].map((id) => this.halt(id)));
  }

  // --- Internal helpers ---

  /** Runs what should run here, drops what another node or an API call took away. */
  private async sweep(): Promise<number> {
    let running = 0;
    for (const k of await this.o.storage.getKeys(BASE)) {
      const c = await this.o.storage.getItem<Campaign>(k);
      if (!c || this.closed) continue;
      if (this.runners.has(c.id)) {
        if (c.status !== "running") await this.halt(c.id); // paused or cancelled through another node
        else if (!(await this.leases.renew(leaseKey(c.id), this.nodeId, this.ttl))) await this.halt(c.id, false); // the new owner reports progress
        else running++;
      } else if (c.status === "running")
        await this.launch(c, true).then(
          (ran) => ran && running++,
          (e: unknown) => this.fail(c, e),
        );
      else if (c.status === "scheduled" && !this.timers.has(c.id)) this.arm(c);
    }
    return running;
  }

  private async schedule(c: Campaign): Promise<void> {
    if (c.schedule.type === "now") return this.begin(c);
    const at = nextRunAt(c.schedule);
    if (at === undefined)
      throw new MultiWAError("VALIDATION_FAILED", "The schedule never fires", { details: { field: "schedule" } });
    this.arm(await this.setStatus(c.workspaceId, c.id, "scheduled", { nextRunAt: at }));
  }

  private arm(c: Campaign): void {
    this.timers.get(c.id)?.cancel();
    this.timers.set(
      c.id,
      timerAt(c.nextRunAt ?? Date.now(), () => void this.fire(c.workspaceId, c.id)),
    );
  }

  private async fire(workspaceId: string, id: string): Promise<void> {
    this.timers.delete(id);
    const c = await this.o.storage.getItem<Campaign>(key(workspaceId, id));
    if (!c || c.status !== "scheduled" || this.runners.has(id) || this.closed) return;
    if (!(await this.leases.acquire(leaseKey(id), this.nodeId, this.ttl))) return; // another node fires it
    await this.begin(c).catch((e: unknown) => this.fail(c, e));
  }

  /** A new run: freezes the audience in SQL (a tag audience in one statement), then sends. */
  private async begin(c: Campaign): Promise<void> {
    const csv =
      c.audience.csvRows !== undefined ? await this.o.storage.getItem<string>(csvKey(c.workspaceId, c.id)) : null;
    const run = c.run + 1;
    // Earlier runs' recipients, and a half-filled list of this run left by a crash, go first.
    await removeRecipientLists(this.o.db, c.workspaceId, c.id);
    const total = await new RecipientList(this.o.db, c.workspaceId, c.id, run).fill(this.o.contacts, {
      ...c.audience,
      ...(csv ? { csv } : {}),
    });
    const state: RunState = { run, cursor: 0, total };
    await this.o.storage.setItem(runKey(c.workspaceId, c.id), state);
    const running = await this.setStatus(c.workspaceId, c.id, "running", {
      run: state.run,
      progress: emptyProgress(state.total),
      startedAt: Date.now(),
      nextRunAt: undefined,
      finishedAt: undefined,
    });
    await this.launch(running, false, state);
  }

  /** Runs (or resumes) the current run here, unless another node holds the campaign. */
  private async launch(c: Campaign, resume: boolean, fresh?: RunState): Promise<boolean> {
    if (this.runners.has(c.id) || this.finishing.has(c.id) || this.launching.has(c.id) || this.closed) return false;
    // A sweep may call this while an API call is still launching the same campaign.
    this.launching.add(c.id);
    let state: RunState | null;
    let template: Template | undefined;
    try {
      if (!(await this.leases.acquire(leaseKey(c.id), this.nodeId, this.ttl))) return false;
      state = fresh ?? (await this.o.storage.getItem<RunState>(runKey(c.workspaceId, c.id)));
      if (state && state.run === c.run)
        template = c.message.templateId ? await this.o.templates.get(c.workspaceId, c.message.templateId) : undefined;
    } finally {
      this.launching.delete(c.id);
    }
    if (!state || state.run !== c.run) return this.begin(c).then(() => true);
    const runner = new CampaignRunner(
      {
        ...this.o,
        tracker: this.tracker,
        daily: this.daily,
        changed: () => this.changed(c),
        saveCursor: (cursor) =>
          this.writes.run(runKey(c.workspaceId, c.id), () =>
            this.o.storage.setItem(runKey(c.workspaceId, c.id), { ...state, cursor }),
          ),
      },
      { ...c },
      { ...state },
      new RecipientList(this.o.db, c.workspaceId, c.id, state.run),
      template,
    );
    this.runners.set(c.id, runner);
    this.finishedRuns.delete(c.id);
    runner.start();
    if (resume) this.o.logger.info(`campaign ${c.id} resumes run ${state.run} at ${state.cursor}/${state.total}`);
    void runner
      .done!.then((outcome) => this.finished(c, runner, outcome))
      .catch(async (error: unknown) => {
        if (this.runners.get(c.id) === runner) this.runners.delete(c.id);
        await this.fail(c, error);
      });
    return true;
  }

  private async finished(c: Campaign, runner: CampaignRunner, outcome: "completed" | "stopped"): Promise<void> {
    if (this.runners.get(c.id) !== runner) return;
    // Until the new status is saved, a sweep must not take "running" for a run to resume.
    this.finishing.add(c.id);
    try {
      this.runners.delete(c.id);
      await this.flush(c, runner);
      if (outcome === "stopped") return;
      this.finishedRuns.set(c.id, runner);
      const next = c.schedule.type === "cron" ? nextRunAt(c.schedule) : undefined;
      if (next !== undefined && !this.closed)
        this.arm(await this.setStatus(c.workspaceId, c.id, "scheduled", { nextRunAt: next, finishedAt: Date.now() }));
      else await this.setStatus(c.workspaceId, c.id, "completed", { finishedAt: Date.now() });
      await this.leases.release(leaseKey(c.id), this.nodeId);
    } finally {
      this.finishing.delete(c.id);
    }
  }

  private async fail(c: Campaign, error: unknown): Promise<void> {
    this.o.logger.error(`campaign ${c.id} failed`, error);
    const e = isMultiWAError(error)
      ? error.toJSON()
      : { code: "SEND_FAILED", message: String((error as Error)?.message ?? error) };
    await this.setStatus(c.workspaceId, c.id, "failed", {
      error: { code: e.code, message: e.message },
      finishedAt: Date.now(),
    }).catch(() => undefined);
  }

  /** Stops a run here (saving where it is) or a timer, and lets go of the campaign's lease. */
  private async halt(id: string, flush = true): Promise<void> {
    this.timers.get(id)?.cancel();
    this.timers.delete(id);
    const runner = this.runners.get(id);
    if (!runner) return;
    this.runners.delete(id);
    await runner.stop();
    if (flush) await this.flush(runner.campaign, runner);
    await this.leases.release(leaseKey(id), this.nodeId);
  }

  private changed(c: Campaign): void {
    if (this.flushes.has(c.id)) return;
    const timer = setTimeout(() => {
      this.flushes.delete(c.id);
      const runner = this.runners.get(c.id) ?? this.finishedRuns.get(c.id);
      if (runner)
        void this.flush(c, runner).catch((e: unknown) => this.o.logger.warn("campaign progress write failed", e));
    }, this.o.progressMs ?? 500);
    this.flushes.set(c.id, timer);
  }

  /** Saves the recipients' states, and announces the run's progress (counted in SQL) and its template use. */
  private async flush(c: Campaign, runner: CampaignRunner): Promise<void> {
    const list = new RecipientList(this.o.db, c.workspaceId, c.id, runner.run);
    await list.saveStates(runner.takeStateChanges());
    const progress = await list.progress();
    const uses = runner.takeTemplateUses();
    if (uses && c.message.templateId) await this.o.templates.recordUse(c.workspaceId, c.message.templateId, uses);
    const saved = await this.mutate(c.workspaceId, c.id, (current) => ({ ...current, progress }));
    this.o.emit("campaign.progress", { ...eventBase(saved), run: saved.run, status: saved.status, progress });
  }

  private async setStatus(
    workspaceId: string,
    id: string,
    status: CampaignStatus,
    patch: Partial<Campaign> = {},
  ): Promise<Campaign> {
    let previous: CampaignStatus = status;
    const next = await this.mutate(workspaceId, id, (c) => ((previous = c.status), strip({ ...c, ...patch, status })));
    if (previous !== status)
      this.o.emit("campaign.status", {
        ...eventBase(next),
        run: next.run,
        status,
        previous,
        ...(next.error && status === "failed" ? { error: next.error } : {}),
      });
    return next;
  }

  private mutate(workspaceId: string, id: string, change: (c: Campaign) => Campaign): Promise<Campaign> {
    return this.writes.run(key(workspaceId, id), async () => {
      const next = { ...change(await this.load(workspaceId, id)), updatedAt: Date.now() };
      await this.o.storage.setItem(key(workspaceId, id), next);
      return next;
    });
  }

  private async load(workspaceId: string, id: string): Promise<Campaign> {
    const c = /^[\w-]+$/.test(id) ? await this.o.storage.getItem<Campaign>(key(workspaceId, id)) : null;
    if (!c)
      throw new MultiWAError("NOT_FOUND", `No campaign "${id}" in this workspace`, {
        details: { field: "campaignId", value: id },
      });
    return c;
  }
}

function eventBase(c: Campaign): { workspaceId: string; campaignId: string; profileId: string } {
  // profileId lets the webhook dispatcher and the profile event stream scope the event to its workspace.
  return { workspaceId: c.workspaceId, campaignId: c.id, profileId: c.profileIds[0]! };
}

function badState(c: Campaign, action: string): MultiWAError {
  return new MultiWAError("VALIDATION_FAILED", `Cannot ${action} a campaign that is ${c.status}`, {
    details: { field: "status", value: c.status },
  });
}

function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function key(workspaceId: string, id: string): string {
  return `${BASE}:${segment(workspaceId)}:${id}`;
}

function leaseKey(id: string): string {
  return `campaign:${id}`;
}

function csvKey(workspaceId: string, id: string): string {
  return `campaigncsv:${segment(workspaceId)}:${id}`;
}

function runKey(workspaceId: string, id: string): string {
  return `${RUNS}:${segment(workspaceId)}:${id}`;
}
