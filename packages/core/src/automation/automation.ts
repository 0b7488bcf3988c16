import type { CallOffer } from "../engine/call-types.js";
import type { Storage } from "unstorage";
import { keyspace } from "../storage/keyspace.js";
import type { WAMessage } from "../engine/types.js";
import { isGroupJid, toJid } from "../jid.js";
import { assertSavableTarget } from "../net/target.js";
import type { Profile } from "../session/profiles.js";
import { KeyedSerial } from "../util/serial.js";
import { runActions, type ActionHooks, type RuleEvent } from "./actions.js";
import { isScheduleRule, nextFire, startClock } from "./clock.js";
import { conditionsHold } from "./conditions.js";
import type { AutomationContext, AutomationDeps, ChatRef } from "./context.js";
import { FlowRuntime } from "./flow-runtime.js";
import { FlowStore } from "./flows-store.js";
import { LoopGuard } from "./guard.js";
import { RuleIndex } from "./rule-index.js";
import { ChainedStates, InboundStateReader } from "./inbound-state.js";
import { RuleStore } from "./rules-store.js";
import type { Flow, FlowRun, Rule, RuleTrigger } from "./schema.js";
import { AutomationSettingsStore } from "./settings.js";
import { testRunFlow, type FlowTestResult } from "./test-run.js";
import { DurableTimers, type DurableTimer } from "./timers.js";

export interface AutomationOptions extends AutomationDeps {
  profile(profileId: string): Promise<Profile | null | undefined>;
  profiles(): Promise<Profile[]>;
  /** Rejects a ringing call for a rule's `reject_call` action (the calls module logs it as automatic). */
  rejectCall(profileId: string, callId: string, from: string): Promise<void>;
  /** Automated messages per chat per minute. @default 10 */
  repliesPerMinute?: number;
  /** How often schedule rules are checked. @default 20000 */
  clockMs?: number;
}

/** The settings `createMultiWA({ automation })` takes; the rest comes from the composition root. */
export type AutomationSettingsOptions = Partial<Pick<AutomationOptions, "repliesPerMinute" | "clockMs">>;

/** Who wrote in: the profile's workspace, and the sender as a contact of it. */
export type InboundSender = Pick<ChatRef, "workspaceId" | "contact">;

type Triggered = { kind: "rule"; rule: Rule } | { kind: "flow"; flow: Flow };

/**
 * Rules and flows for inbound messages. Listens to `message.received` of this node (which runs the
 * profile), answers through the durable outbox, and keeps rules, flows, runs and timers in SQL.
 */
export class Automation {
  readonly rules: RuleStore;
  readonly flows: FlowStore;
  readonly settings: AutomationSettingsStore;
  readonly runtime: FlowRuntime;
  private readonly ctx: AutomationContext;
  /** Matching indexes by workspace, each valid while its revision is the database's (any node's writes bump it). */
  private readonly indexes = new Map<string, { index: Promise<RuleIndex<Triggered>>; revision: number }>();
  private readonly chats = new KeyedSerial();
  private readonly inbound: InboundStateReader;
  /** A chat's state carried from one message to the next while its messages queue back to back. */
  private readonly chained = new ChainedStates();
  /** When each schedule rule fires next, per profile (`automationSchedule` keyspace). */
  private readonly schedule: Storage;
  private clock?: { stop(): void };

  constructor(private readonly o: AutomationOptions) {
    // URLs are refused when saved (naming the setting), not only when called.
    const check = (url: string, field: string) => assertSavableTarget(url, o.http.client.policy, field);
    this.rules = new RuleStore(o.db, check);
    this.flows = new FlowStore(o.db, check);
    this.schedule = keyspace(o.storage, "automationSchedule");
    this.settings = new AutomationSettingsStore(keyspace(o.storage, "automationSettings"), check);
    const timers = new DurableTimers({ db: o.db, logger: o.logger, owns: o.owns, fire: (t) => this.fire(t) });
    this.ctx = {
      ...o,
      settings: this.settings,
      guard: new LoopGuard(o.repliesPerMinute ?? 10, keyspace(o.storage, "automationCooldowns")),
      timers,
    };
    this.runtime = new FlowRuntime(this.ctx);
    this.inbound = new InboundStateReader(o.db);
  }

  /**
   * Handles one inbound message; messages of one chat are handled one after another. `sender` is the
   * profile's workspace and the contact as the gateway already recorded it; without it, both are looked
   * up and the contact touched here.
   */
  onMessage(m: WAMessage & { profileId: string }, sender?: InboundSender): Promise<void> {
    // Own messages (this gateway's sends, the phone's) and groups never trigger automation.
    if (m.fromMe || isGroupJid(m.chatId) || !m.chatId.includes("@") || m.chatId.endsWith("@broadcast"))
      return Promise.resolve();
    const key = `${m.profileId}|${m.chatId}`;
    this.chained.enter(key);
    return this.chats
      .run(key, () => this.handle(m, key, sender))
      .catch((e: unknown) => this.o.logger.warn(`automation failed for a message to ${m.profileId}`, e))
      .finally(() => this.chained.leave(key));
  }

  /**
   * Handles a call ringing a profile (#20): flows and rules with a `call` trigger run for the caller's
   * chat, in priority order. Group calls and calls seen only on reconnect (long over) never trigger.
   */
  onCall(call: CallOffer & { profileId: string }): Promise<void> {
    if (call.isGroup || call.offline) return Promise.resolve();
    return this.chats
      .run(`${call.profileId}|${call.from}`, () =>
        this.exclusive(`${call.profileId}|${call.from}`, () => this.handleCall(call)),
      )
      .catch((e: unknown) => this.o.logger.warn(`automation failed for a call to ${call.profileId}`, e));
  }

  /** Starts a flow in a chat by hand (or from a rule); a chat already in a flow keeps it. */
  async startFlow(
    workspaceId: string,
    flowId: string,
    profileId: string,
    chatId: string,
  ): Promise<FlowRun | undefined> {
    const flow = await this.flows.get(workspaceId, flowId);
    const jid = toJid(chatId, "chatId");
    const chat = await this.chatRef(workspaceId, profileId, jid);
    return this.chats.run(`${profileId}|${jid}`, () =>
      this.exclusive(`${profileId}|${jid}`, () => this.runtime.start(flow, chat)),
    );
  }

  /** Ends a handoff: rules and flows answer the chat again. */
  resumeChat(profileId: string, chatId: string): Promise<boolean> {
    const jid = toJid(chatId, "chatId");
    return this.chats.run(`${profileId}|${jid}`, () =>
      this.exclusive(`${profileId}|${jid}`, () => this.runtime.resume(profileId, jid)),
    );
  }

  async testRun(
    workspaceId: string,
    flowId: string,
    replies: (string | null)[],
    variables?: Record<string, string>,
  ): Promise<FlowTestResult> {
    return testRunFlow(await this.flows.get(workspaceId, flowId), replies, variables ? { variables } : {});
  }

  /** After a restart: timers, runs cut short by the crash, and the schedule clock. */
  async restore(): Promise<void> {
    await this.ctx.timers.restore();
    await this.runtime
      .recover((run) => this.chatRef(run.workspaceId, run.profileId, run.chatId))
      .catch((e: unknown) => this.o.logger.warn("flow recovery failed", e));
    this.clock ??= startClock(
      () => this.tickSchedules().catch((e: unknown) => this.o.logger.warn("automation schedule failed", e)),
      this.o.clockMs ?? 20_000,
    );
  }

  /** Forgets a deleted profile's flow runs and timers (rules and flows belong to the workspace). */
  async removeProfile(profileId: string): Promise<void> {
    await this.ctx.timers.removeProfile(profileId);
    await this.runtime.removeProfile(profileId);
  }

  stop(): void {
    this.ctx.timers.stop();
    this.clock?.stop();
    this.clock = undefined;
  }

  // --- Internal helpers ---

  /** A chat's task other than an inbound message: it may change the chat's run, so no state is carried past it. */
  private exclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
    this.chained.drop(key);
    return task();
  }

  private async handle(m: WAMessage & { profileId: string }, key: string, known?: InboundSender): Promise<void> {
    const sender = known ?? (await this.touchSender(m));
    if (!sender) return;
    const { workspaceId, contact } = sender;
    const chat: ChatRef = { workspaceId, profileId: m.profileId, chatId: m.chatId, ...(contact ? { contact } : {}) };
    const text = m.content.type === "text" ? m.content.text : "caption" in m.content ? (m.content.caption ?? "") : "";
    const state = this.chained.take(key) ?? { ...(await this.inbound.get(chat)), at: performance.now() };
    const { run, revision } = state;
    if (run?.status === "handoff") return this.chained.keep(key, state); // a person answers this chat
    if (run?.status === "waiting") return void (await this.runtime.reply(chat, m, text));
    const index = await this.index(workspaceId, revision);
    const event: RuleEvent = { id: m.id, text, type: m.content.type, from: m.senderPhone ?? m.sender, message: m };
    let acted = false;
    for (const hit of index.match({ text, type: m.content.type, isNewContact: contact?.firstSeenAt === m.timestamp })) {
      if (hit.kind === "flow") {
        if (!forProfile(hit.flow.profileIds, m.profileId)) continue;
        await this.runtime.start(hit.flow, chat, m);
        return;
      }
      const rule = hit.rule;
      if (!forProfile(rule.profileIds, m.profileId) || !conditionsHold(rule.conditions, chat.contact)) continue;
      if (!(await this.ctx.guard.takeCooldown(rule.id, m.chatId, rule.cooldownMs))) continue;
      acted = true;
      await runActions(this.ctx, this.hooks(), rule, chat, event).catch((e: unknown) =>
        this.o.logger.warn(`rule ${rule.id} (${rule.name}) failed`, e),
      );
      if (rule.stopProcessing) return;
    }
    // Nothing ran for this message, so the chat's run is as read: the chat's next message may take it.
    if (!acted) this.chained.keep(key, state);
  }

  private async handleCall(call: CallOffer & { profileId: string }): Promise<void> {
    const profile = await this.o.profile(call.profileId);
    if (!profile) return;
    const { workspaceId } = profile;
    // The caller becomes a contact like a writer does: tag and field actions and conditions need one.
    const contact = await this.o.contacts.touch(workspaceId, call.from, call.timestamp);
    const chat: ChatRef = {
      workspaceId,
      profileId: call.profileId,
      chatId: call.from,
      ...(contact ? { contact } : {}),
    };
    const { revision } = await this.inbound.get(chat);
    const index = await this.index(workspaceId, revision);
    const media = call.isVideo ? "video" : "voice";
    const event: RuleEvent = {
      id: `call-${call.callId}`,
      text: "",
      type: "call",
      from: call.from,
      call: { callId: call.callId, from: call.from, isVideo: call.isVideo },
    };
    const hooks = this.hooks();
    for (const hit of index.match({ text: "", type: "call", isNewContact: false, call: { media, from: call.from } })) {
      if (hit.kind === "flow") {
        // A chat already in a flow keeps it; the start is skipped, the rules below still run.
        if (forProfile(hit.flow.profileIds, call.profileId)) await this.runtime.start(hit.flow, chat);
        continue;
      }
      const rule = hit.rule;
      if (!forProfile(rule.profileIds, call.profileId) || !conditionsHold(rule.conditions, chat.contact)) continue;
      const fresh = await this.ctx.guard.takeCooldown(rule.id, call.from, rule.cooldownMs);
      // The cooldown limits answers to one caller, not rejections: a second call in the window is still refused.
      const run = fresh ? rule : { ...rule, actions: rule.actions.filter((a) => a.type === "reject_call") };
      await runActions(this.ctx, hooks, run, chat, event).catch((e: unknown) =>
        this.o.logger.warn(`rule ${rule.id} (${rule.name}) failed`, e),
      );
      if (rule.stopProcessing) return;
    }
  }

  private hooks(): ActionHooks {
    return {
      startFlow: async (flowId: string, chat: ChatRef) =>
        void (await this.runtime.start(await this.flows.get(chat.workspaceId, flowId), chat)),
      rejectCall: (profileId, call) => this.o.rejectCall(profileId, call.callId, call.from),
    };
  }

  /**
   * A workspace's index, rebuilt when its revision moved: a rule saved through any node answers the
   * next message here (#18: a TTL'd index let a rule created via node B stay silent on A for seconds).
   */
  private index(workspaceId: string, revision: number): Promise<RuleIndex<Triggered>> {
    const cached = this.indexes.get(workspaceId);
    if (cached && cached.revision === revision) return cached.index;
    // Read at or after `revision`: a write landing meanwhile bumps it again and the next message rebuilds.
    const index = this.build(workspaceId);
    this.indexes.set(workspaceId, { index, revision });
    index.catch(() => this.indexes.get(workspaceId)?.index === index && this.indexes.delete(workspaceId));
    return index;
  }

  private async build(workspaceId: string): Promise<RuleIndex<Triggered>> {
    const index = new RuleIndex<Triggered>();
    for (const flow of await this.flows.list(workspaceId)) {
      if (flow.status === "active" && flow.trigger.type !== "manual")
        index.add({ kind: "flow", flow }, flow.trigger as RuleTrigger, 0);
    }
    for (const rule of await this.rules.list(workspaceId)) {
      if (!rule.enabled) continue;
      try {
        index.add({ kind: "rule", rule }, rule.trigger, rule.priority);
      } catch (error) {
        this.o.logger.warn(`rule ${rule.id} skipped`, error);
      }
    }
    return index;
  }

  private async touchSender(m: WAMessage & { profileId: string }): Promise<InboundSender | undefined> {
    const profile = await this.o.profile(m.profileId);
    if (!profile) return undefined;
    const contact = await this.o.contacts.touch(
      profile.workspaceId,
      m.senderPhone ?? m.sender,
      m.timestamp,
      m.pushName,
    );
    return { workspaceId: profile.workspaceId, ...(contact ? { contact } : {}) };
  }

  private async chatRef(workspaceId: string, profileId: string, chatId: string): Promise<ChatRef> {
    const contact = await this.o.contacts.find(workspaceId, chatId).catch(() => undefined);
    return { workspaceId, profileId, chatId, ...(contact ? { contact } : {}) };
  }

  private async fire(timer: DurableTimer): Promise<void> {
    const p = timer.payload as {
      workspaceId: string;
      chatId: string;
      ruleId?: string;
      event?: RuleEvent;
      from?: number;
    };
    const chat = await this.chatRef(p.workspaceId, timer.profileId, p.chatId);
    const key = `${timer.profileId}|${p.chatId}`;
    await this.chats.run(key, async () => {
      this.chained.drop(key);
      if (timer.kind === "flow_timeout") return this.runtime.timeout(timer, chat);
      const rule = await this.rules.get(p.workspaceId, p.ruleId!).catch(() => undefined);
      if (rule?.enabled) await runActions(this.ctx, this.hooks(), rule, chat, p.event!, p.from);
    });
  }

  /** Fires schedule rules that came due, once per (rule, profile, due time), on the profile's node. */
  private async tickSchedules(now = Date.now()): Promise<void> {
    const rules = (await this.rules.scheduled()).filter(isScheduleRule);
    if (!rules.length) return;
    const profiles = await this.o.profiles();
    for (const rule of rules) {
      for (const profile of profiles.filter(
        (p) => p.workspaceId === rule.workspaceId && forProfile(rule.profileIds, p.id) && this.o.owns(p.id),
      )) {
        const key = `${profile.id}:${rule.id}`;
        const due = await this.schedule.getItem<number>(key);
        if (due === null) {
          await this.schedule.setItem(key, nextFire(rule, now) ?? Number.MAX_SAFE_INTEGER);
          continue;
        }
        if (due > now) continue;
        await this.schedule.setItem(key, nextFire(rule, now) ?? Number.MAX_SAFE_INTEGER);
        for (const chatId of rule.trigger.chatIds) {
          const chat = await this.chatRef(rule.workspaceId, profile.id, toJid(chatId, "chatId"));
          if (!conditionsHold(rule.conditions, chat.contact, now)) continue;
          await runActions(this.ctx, this.hooks(), rule, chat, { id: `cron-${due}`, text: "", type: "schedule" }).catch(
            (e: unknown) => this.o.logger.warn(`schedule rule ${rule.id} failed`, e),
          );
        }
      }
    }
  }
}

function forProfile(profileIds: string[] | undefined, profileId: string): boolean {
  return !profileIds?.length || profileIds.includes(profileId);
}
