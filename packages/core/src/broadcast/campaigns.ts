import { randomBytes } from "node:crypto";
import type { EventEmitter } from "eventemitter3";
import type { Storage } from "unstorage";
import { keyspace } from "../storage/keyspace.js";
import type { ContactStore } from "../contacts/store.js";
import type { Db } from "../db/types.js";
import type { EngineLogger } from "../engine/types.js";
import { isMultiWAError, MultiWAError } from "../errors.js";
import type { EmitFn, MultiWAListeners } from "../events.js";
import type { MessageRecord, MessageRecords } from "../outbox/records.js";
import type { SendRequest } from "../schemas/message.js";
import { parseInput } from "../schemas/parse.js";
import { localLeases, type LeaseStore } from "../session/lease.js";
import type { ProfileStore } from "../session/profiles.js";
import type { Template, TemplateStore } from "../templates/store.js";
import { KeyedSerial } from "../util/serial.js";
import { checkAudience, RecipientList, removeRecipientLists } from "./audience.js";
import { RecipientFreeze } from "./freeze.js";
import { DailyCounter } from "./daily-cap.js";
import { CampaignMachine } from "./machine.js";
import { CampaignRecords, type RunState } from "./records.js";
import { CampaignRunner } from "./runner.js";
import { nextRunAt, timerAt } from "./schedule.js";
import {
  CreateCampaignSchema,
  emptyProgress,
  UpdateCampaignSchema,
  type Campaign,
  type CampaignLimit,
  type CampaignProgress,
  type CampaignStatus,
  type CreateCampaignInput,
  type UpdateCampaignInput,
} from "./schema.js";
import { officialProfiles, type OfficialPorts } from "./official.js";
import { MessageTracker } from "./tracker.js";

export interface CampaignsOptions extends OfficialPorts {
  /** Daily-cap counters (key-value by nature). */
  storage: Storage;
  /** Campaigns (`campaigns`) and their recipients (`campaign_recipients`), and contacts read at send time. */
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
  /** How long a profile pauses for a WhatsApp limit without a known end. @default 3_600_000 */
  limitWindowMs?: number;
  /** A profile's WhatsApp limit in force now, as reported (wa.limits), so runs pause before WhatsApp refuses. */
  limitOf?(profileId: string): Promise<CampaignLimit | undefined>;
}

/** Recipients frozen before a new run answers and sends; the runner freezes the rest while it sends. */
const FIRST_PAGE = 500;

/** Finished runs kept per node to count late receipts; the oldest are let go beyond this. */
const FINISHED_KEPT = 100;

/** Broadcast campaigns: audience, message, schedule and pacing; runs survive restarts without double sends. */
export class Campaigns {
  /** Each campaign's phase on this node (armed → launching → running → finishing → finished). */
  private readonly machine = new CampaignMachine<CampaignRunner>(FINISHED_KEPT);
  private readonly saved: CampaignRecords;
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
    this.saved = new CampaignRecords(o.db);
    this.daily = new DailyCounter(keyspace(o.storage, "campaignDay"));
    this.leases = o.leases ?? localLeases();
    this.nodeId = o.nodeId ?? `node-${randomBytes(4).toString("hex")}`;
    this.ttl = o.leaseTtlMs ?? 30_000;
    o.events.on("message.sent", (m) => this.tracker.update(m.id, "sent"));
    o.events.on("message.failed", (e) => this.tracker.update(e.id, "failed", e.error));
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
    const template = parsed.message.templateId
      ? await this.o.templates.get(workspaceId, parsed.message.templateId)
      : undefined;
    // Free-form text to a Cloud API profile is refused now; the template's approval is checked on start.
    await officialProfiles(this.o, parsed, template, false);
    const csvRows = await checkAudience(this.o.contacts, workspaceId, parsed.audience); // rejects a bad CSV or unknown contacts now, not at send time
    nextRunAt(parsed.schedule);
    const now = Date.now();
    const { csv, ...audience } = parsed.audience;
    const campaign: Campaign = {
      ...parsed,
      audience: { ...audience, ...(csvRows !== undefined ? { csvRows } : {}) },
      id: `cmp_${randomBytes(6).toString("hex")}`,
      workspaceId,
      status: "draft",
      run: 0,
      progress: emptyProgress(),
      createdAt: now,
      updatedAt: now,
    };
    await this.saved.insert(campaign, csv);
    return start ? this.start(workspaceId, campaign.id) : campaign;
  }

  /** The campaign with live progress. */
  async get(workspaceId: string, id: string): Promise<Campaign> {
    return this.live(await this.load(workspaceId, id));
  }

  /** Oldest first; `limit` and `after` (the last campaign id of the previous page) page by keyset. */
  async list(
    workspaceId: string,
    filter: { status?: CampaignStatus; limit?: number; after?: string } = {},
  ): Promise<Campaign[]> {
    return (await this.saved.list(workspaceId, filter)).map((c) => this.live(c));
  }

  async progress(workspaceId: string, id: string): Promise<CampaignProgress> {
    return (await this.get(workspaceId, id)).progress;
  }

  /** Renames or re-paces; a running campaign takes the new pacing at once. */
  async update(workspaceId: string, id: string, input: UpdateCampaignInput): Promise<Campaign> {
    const patch = parseInput(UpdateCampaignSchema, input, "campaign");
    const next = await this.mutate(workspaceId, id, (c) => ({
      ...(patch.name ? { name: patch.name } : {}),
      pacing: { ...c.pacing, ...patch.pacing },
    }));
    if (patch.pacing && this.machine.phase(id) === "running") this.machine.runner(id)?.updatePacing(next.pacing);
    return this.get(workspaceId, next.id);
  }

  /** Starts a draft: at once, or armed for its time. */
  async start(workspaceId: string, id: string): Promise<Campaign> {
    const c = await this.load(workspaceId, id);
    if (c.status !== "draft") throw badState(c, "start");
    // Official-API profiles: the platform template must exist, be APPROVED and get its parameters.
    await officialProfiles(this.o, c, await this.templateOf(c), true);
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
    if (this.machine.phase(id) !== "idle") this.machine.move(id, "idle");
    await Promise.all([this.saved.remove(workspaceId, id), removeRecipientLists(this.o.db, workspaceId, id)]);
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
    await Promise.all(this.machine.ids("running").map((id) => this.halt(id)));
    this.machine.clear();
  }

  // --- Internal helpers ---

  /** Runs what should run here, drops what another node or an API call took away. */
  private async sweep(): Promise<number> {
    const active = new Map((await this.saved.active()).map((c) => [c.id, c]));
    let running = 0;
    // Paused or cancelled through another node (or removed): stop here too. The list may predate a
    // run started since, so its row is read again first. (A timer checks the status when it fires.)
    for (const id of this.machine.ids("running")) {
      const ws = this.machine.runner(id)!.campaign.workspaceId;
      if (active.get(id)?.status !== "running" && (await this.saved.find(ws, id))?.status !== "running")
        await this.halt(id);
    }
    for (const c of active.values()) {
      if (this.closed) break;
      const phase = this.machine.phase(c.id);
      if (phase === "running") {
        if (await this.leases.renew(leaseKey(c.id), this.nodeId, this.ttl)) running++;
        else await this.halt(c.id, false); // the new owner reports progress
      } else if (c.status === "running" && (phase === "idle" || phase === "armed"))
        await this.launch(c, true).then(
          (ran) => ran && running++,
          (e: unknown) => this.fail(c, e),
        );
      else if (c.status === "scheduled" && phase === "idle") this.arm(c);
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
    const timer = timerAt(c.nextRunAt ?? Date.now(), () => void this.fire(c.workspaceId, c.id));
    if (!this.machine.move(c.id, "armed", { timer }, ["idle", "armed", "finishing"])) timer.cancel();
  }

  private async fire(workspaceId: string, id: string): Promise<void> {
    if (this.machine.phase(id) !== "armed") return;
    const c = await this.saved.find(workspaceId, id);
    const mine =
      !!c &&
      c.status === "scheduled" &&
      !this.closed &&
      (await this.leases.acquire(leaseKey(id), this.nodeId, this.ttl)); // or another node fires it
    if (!mine) {
      this.machine.move(id, "idle", {}, ["armed"]);
      return;
    }
    await this.begin(c).catch((e: unknown) => this.fail(c, e));
  }

  /**
   * A new run: freezes the first page of the audience in SQL, then sends while the runner freezes the
   * rest (freeze.ts), so a 100k tag audience starts as fast as a small one.
   */
  private async begin(c: Campaign): Promise<void> {
    const run = c.run + 1;
    // Earlier runs' recipients, and a half-filled list of this run left by a crash, go first.
    await removeRecipientLists(this.o.db, c.workspaceId, c.id);
    // The run, its cursor and its counters first: a crash before `running` is saved starts a new run.
    await this.saved.startRun(c.workspaceId, c.id, run, 0, {}, false);
    const first = await this.freezer(c, run).step(FIRST_PAGE);
    if (!first) return; // another start began a newer run meanwhile
    const running = await this.setStatus(c.workspaceId, c.id, "running", {
      startedAt: Date.now(),
      nextRunAt: undefined,
      finishedAt: undefined,
    });
    await this.launch(running, false, { run, cursor: 0, ...first });
  }

  /** Freezes run `run` of `c`; the CSV is read only when its step comes. */
  private freezer(c: Campaign, run: number): RecipientFreeze {
    const audience = async () => {
      const csv = c.audience.csvRows !== undefined ? await this.saved.csv(c.workspaceId, c.id) : undefined;
      return { ...c.audience, ...(csv ? { csv } : {}) };
    };
    return new RecipientFreeze(this.o.db, this.o.contacts, c.workspaceId, c.id, run, audience, c.audience.tags ?? []);
  }

  /** Runs (or resumes) the current run here, unless another node holds the campaign. */
  private async launch(c: Campaign, resume: boolean, fresh?: RunState): Promise<boolean> {
    if (this.closed || !this.machine.move(c.id, "launching", {}, ["idle", "armed"])) return false;
    let state: RunState | undefined;
    let template: Template | undefined;
    let official = new Set<string>();
    try {
      if (await this.leases.acquire(leaseKey(c.id), this.nodeId, this.ttl)) {
        state = fresh ?? (await this.saved.runState(c.workspaceId, c.id));
        if (state) template = await this.templateOf(c);
        if (state) official = await officialProfiles(this.o, c, template, false);
      }
    } catch (error) {
      this.machine.move(c.id, "idle", {}, ["launching"]);
      throw error;
    }
    const { workspaceId, id } = c;
    const freeze = this.freezer(c, state?.run ?? 0);
    const runner =
      state &&
      new CampaignRunner(
        {
          ...this.o,
          tracker: this.tracker,
          daily: this.daily,
          changed: () => this.changed(c),
          saveCursor: (cursor) => this.saved.saveCursor(workspaceId, id, state.run, cursor),
          freeze: () => freeze.step(),
        },
        { ...c },
        { ...state },
        new RecipientList(this.o.db, workspaceId, id, state.run),
        template,
        official,
      );
    // Paused, cancelled or stopped while launching: the halt already moved it to idle.
    if (!runner || !this.machine.move(id, "running", { runner }, ["launching"])) {
      if (this.machine.phase(id) === "launching") this.machine.move(id, "idle");
      if (runner) await this.leases.release(leaseKey(id), this.nodeId);
      return false;
    }
    runner.start();
    if (resume) this.o.logger.info(`campaign ${id} resumes run ${state!.run} at ${state!.cursor}/${state!.total}`);
    void runner
      .done!.then((outcome) => this.finished(c, runner, outcome))
      .catch(async (error: unknown) => {
        if (this.machine.runner(id) === runner && this.machine.phase(id) !== "finished") this.machine.move(id, "idle");
        await this.fail(c, error);
      });
    return true;
  }

  private async finished(c: Campaign, runner: CampaignRunner, outcome: "completed" | "stopped"): Promise<void> {
    if (this.machine.runner(c.id) !== runner || this.machine.phase(c.id) !== "running") return;
    // Until the new status is saved, a sweep must not take "running" for a run to resume.
    this.machine.move(c.id, "finishing");
    await this.flush(c, runner);
    if (outcome === "stopped") {
      this.machine.move(c.id, "idle", {}, ["finishing"]);
      return;
    }
    const next = c.schedule.type === "cron" ? nextRunAt(c.schedule) : undefined;
    if (next !== undefined && !this.closed)
      this.arm(await this.setStatus(c.workspaceId, c.id, "scheduled", { nextRunAt: next, finishedAt: Date.now() }));
    else {
      await this.setStatus(c.workspaceId, c.id, "completed", { finishedAt: Date.now() });
      this.machine.move(c.id, "finished", {}, ["finishing"]);
    }
    await this.leases.release(leaseKey(c.id), this.nodeId);
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
    const phase = this.machine.phase(id);
    const runner = this.machine.runner(id);
    if (phase === "armed" || phase === "launching") this.machine.move(id, "idle");
    if (phase !== "running" || !runner) return;
    this.machine.move(id, "idle");
    await runner.stop();
    if (flush) await this.flush(runner.campaign, runner);
    await this.leases.release(leaseKey(id), this.nodeId);
  }

  /** The saved campaign, with the progress of a run sending here right now. */
  private live(c: Campaign): Campaign {
    const runner = this.machine.phase(c.id) === "running" ? this.machine.runner(c.id) : undefined;
    return runner ? { ...c, progress: runner.progress() } : c;
  }

  private changed(c: Campaign): void {
    if (this.flushes.has(c.id)) return;
    const timer = setTimeout(() => {
      this.flushes.delete(c.id);
      const runner = this.machine.runner(c.id);
      if (runner)
        void this.flush(c, runner).catch((e: unknown) => this.o.logger.warn("campaign progress write failed", e));
    }, this.o.progressMs ?? 500);
    this.flushes.set(c.id, timer);
  }

  /** Saves the recipients' states with the run's counters (one statement), and announces them and the template use. */
  private async flush(c: Campaign, runner: CampaignRunner): Promise<void> {
    const saved = await this.saved.saveStates(c.workspaceId, c.id, runner.run, runner.takeStateChanges());
    const uses = runner.takeTemplateUses();
    if (uses && c.message.templateId) await this.o.templates.recordUse(c.workspaceId, c.message.templateId, uses);
    if (saved)
      this.o.emit("campaign.progress", {
        ...eventBase(c),
        run: runner.run,
        status: saved.status,
        progress: saved.progress,
      });
  }

  private async setStatus(
    workspaceId: string,
    id: string,
    status: CampaignStatus,
    patch: Partial<Campaign> = {},
  ): Promise<Campaign> {
    let previous: CampaignStatus = status;
    const next = await this.mutate(workspaceId, id, (c) => ((previous = c.status), { ...patch, status }));
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

  /** Writes the fields `change` returns for the saved campaign; one change at a time per campaign on this node. */
  private mutate(workspaceId: string, id: string, change: (c: Campaign) => Partial<Campaign>): Promise<Campaign> {
    return this.writes.run(`${workspaceId}:${id}`, async () => {
      const next = await this.saved.patch(workspaceId, id, change(await this.load(workspaceId, id)));
      if (!next) throw notFound(id);
      return next;
    });
  }

  private templateOf(c: Campaign): Promise<Template | undefined> {
    return c.message.templateId
      ? this.o.templates.get(c.workspaceId, c.message.templateId)
      : Promise.resolve(undefined);
  }

  private async load(workspaceId: string, id: string): Promise<Campaign> {
    const c = /^[\w-]+$/.test(id) ? await this.saved.find(workspaceId, id) : undefined;
    if (!c) throw notFound(id);
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

function notFound(id: string): MultiWAError {
  return new MultiWAError("NOT_FOUND", `No campaign "${id}" in this workspace`, {
    details: { field: "campaignId", value: id },
  });
}

function leaseKey(id: string): string {
  return `campaign:${id}`;
}
