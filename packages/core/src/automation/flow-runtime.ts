import { randomBytes } from "node:crypto";
import type { WAMessage } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import { clearPrefix, safeKey, stripBase } from "../storage/namespaces.js";
import { aiAnswer, sendAutomated, type AutomationContext, type ChatRef } from "./context.js";
import { automationFetch } from "./http.js";
import { walkFlow, type FlowGraph, type WalkEffects, type WalkInput } from "./flow-walk.js";
import type { Flow, FlowRun } from "./schema.js";
import type { DurableTimer } from "./timers.js";

const RUNS = "autorun";
const GRAPHS = "autorungraph";
const ACTIVE: FlowRun["status"][] = ["running", "waiting", "handoff"];

/**
 * Flow runs, one per (profile, chat), kept in storage: a conversation continues across a restart.
 * Each run keeps the graph it started with, so editing a flow does not derail runs in progress.
 * Callers serialise calls per chat.
 */
export class FlowRuntime {
  constructor(private readonly ctx: AutomationContext) {}

  /** The chat's current (or last) run. */
  current(profileId: string, chatId: string): Promise<FlowRun | null> {
    return this.ctx.storage.getItem<FlowRun>(runKey(profileId, chatId));
  }

  async list(profileId: string, chatId?: string): Promise<FlowRun[]> {
    if (chatId) return [await this.current(profileId, chatId)].filter((r): r is FlowRun => !!r);
    const base = `${RUNS}:${profileId}`;
    const keys = stripBase(await this.ctx.storage.getKeys(base), base);
    const runs = await Promise.all(keys.map((k) => this.ctx.storage.getItem<FlowRun>(`${base}:${k}`)));
    return runs.filter((r): r is FlowRun => !!r).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** Forgets a deleted profile's runs and the graphs they ran on. */
  async removeProfile(profileId: string): Promise<void> {
    for (const run of await this.list(profileId)) await this.ctx.storage.removeItem(`${GRAPHS}:${run.id}`);
    await clearPrefix(this.ctx.storage, `${RUNS}:${profileId}`);
  }

  /** Starts `flow` in the chat, replacing a finished run; a chat with an active run keeps it. */
  async start(flow: Flow, chat: ChatRef, latest?: WAMessage): Promise<FlowRun | undefined> {
    const existing = await this.current(chat.profileId, chat.chatId);
    if (existing && ACTIVE.includes(existing.status)) return undefined;
    if (existing) await this.ctx.storage.removeItem(`${GRAPHS}:${existing.id}`); // the finished run no longer needs it
    const now = new Date().toISOString();
    const run: FlowRun = { id: `run_${randomBytes(6).toString("hex")}`, flowId: flow.id, flowVersion: flow.version, workspaceId: chat.workspaceId, profileId: chat.profileId, chatId: chat.chatId, status: "running", nodeId: "", variables: {}, path: [], step: 0, startedAt: now, updatedAt: now };
    const graph: FlowGraph = { nodes: flow.nodes, edges: flow.edges };
    await this.ctx.storage.setItem(`${GRAPHS}:${run.id}`, graph);
    return walkFlow(graph, run, { kind: "start" }, this.effects(chat, latest));
  }

  /** A message in a chat with a waiting run answers its question. False when no run waits. */
  async reply(chat: ChatRef, message: WAMessage, text: string): Promise<boolean> {
    const run = await this.current(chat.profileId, chat.chatId);
    if (run?.status !== "waiting") return false;
    await this.ctx.timers.remove(timerId(run));
    await this.continue(run, { kind: "reply", text }, chat, message);
    return true;
  }

  /** A question's time ran out (a durable timer, possibly fired after a restart). */
  async timeout(timer: DurableTimer, chat: ChatRef): Promise<void> {
    const run = await this.current(chat.profileId, chat.chatId);
    if (!run || run.id !== timer.payload.runId || run.step !== timer.payload.step || run.status !== "waiting") return;
    await this.continue(run, { kind: "timeout" }, chat);
  }

  /** Runs cut short by a crash (status `running`) carry on from the node they were at. */
  async recover(chatOf: (run: FlowRun) => Promise<ChatRef>): Promise<number> {
    let resumed = 0;
    for (const key of await this.ctx.storage.getKeys(RUNS)) {
      const run = await this.ctx.storage.getItem<FlowRun>(key);
      if (run?.status !== "running" || !this.ctx.owns(run.profileId)) continue;
      await this.continue(run, { kind: "resume" }, await chatOf(run));
      resumed++;
    }
    return resumed;
  }

  /** Ends a handoff (or any active run): automation answers the chat again. */
  async resume(profileId: string, chatId: string): Promise<boolean> {
    const run = await this.current(profileId, chatId);
    if (!run || !ACTIVE.includes(run.status)) return false;
    if (run.status === "waiting") await this.ctx.timers.remove(timerId(run));
    await this.save({ ...run, status: run.status === "handoff" ? "completed" : "cancelled" });
    return true;
  }

  // --- Internal helpers ---

  private async continue(run: FlowRun, input: WalkInput, chat: ChatRef, latest?: WAMessage): Promise<FlowRun> {
    const graph = await this.ctx.storage.getItem<FlowGraph>(`${GRAPHS}:${run.id}`);
    if (!graph) {
      await this.save({ ...run, status: "error", error: "The run's graph is missing" });
      throw new MultiWAError("NOT_FOUND", `Flow run ${run.id} lost its graph`);
    }
    return walkFlow(graph, run, input, this.effects(chat, latest));
  }

  private effects(chat: ChatRef, latest?: WAMessage): WalkEffects {
    const { ctx } = this;
    return {
      ...(chat.contact ? { contact: chat.contact } : {}),
      send: async (content, key, scope) => void (await sendAutomated(ctx, chat, content, key, scope)),
      http: async (request) => (await automationFetch(request.url, request, ctx.http)).text,
      ai: (node) => aiAnswer(ctx, chat, node, latest),
      persist: (run) => this.save(run),
      waiting: (run) => ctx.timers.add({ id: timerId(run), dueAt: Date.parse(run.waitingUntil!), profileId: run.profileId, kind: "flow_timeout", payload: { runId: run.id, step: run.step, chatId: run.chatId, workspaceId: run.workspaceId } }),
      now: () => Date.now(),
    };
  }

  private async save(run: FlowRun): Promise<void> {
    run.updatedAt = new Date().toISOString();
    await this.ctx.storage.setItem(runKey(run.profileId, run.chatId), run);
  }
}

function runKey(profileId: string, chatId: string): string {
  return `${RUNS}:${profileId}:${safeKey(chatId)}`;
}

function timerId(run: FlowRun): string {
  return `flow:${run.id}:${run.step}`;
}
