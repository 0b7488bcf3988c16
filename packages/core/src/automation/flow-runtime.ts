import { randomBytes } from "node:crypto";
import type { WAMessage } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import { and, desc, eq } from "drizzle-orm";
import { aiAnswer, sendAutomated, type AutomationContext, type ChatRef } from "./context.js";
import { automationFetch } from "./http.js";
import { walkFlow, type FlowGraph, type WalkEffects, type WalkInput } from "./flow-walk.js";
import type { Flow, FlowRun } from "./schema.js";
import { automationFlowRuns as runs } from "./table.js";
import type { DurableTimer } from "./timers.js";

const ACTIVE: FlowRun["status"][] = ["running", "waiting", "handoff"];

/**
 * Flow runs, one per (profile, chat), kept in SQL: a conversation continues across a restart.
 * Each run keeps the graph it started with, so editing a flow does not derail runs in progress.
 * Callers serialise calls per chat.
 */
export class FlowRuntime {
  constructor(private readonly ctx: AutomationContext) {}

  /** The chat's current (or last) run. */
  async current(profileId: string, chatId: string): Promise<FlowRun | null> {
    const [row] = await this.ctx.db
      .select({ run: runs.run })
      .from(runs)
      .where(and(eq(runs.profileId, profileId), eq(runs.chatId, chatId)));
    return row?.run ?? null;
  }

  /** The profile's runs, latest change first (the `automation_flow_runs_profile_updated` index). */
  async list(profileId: string, chatId?: string): Promise<FlowRun[]> {
    if (chatId) return [await this.current(profileId, chatId)].filter((r): r is FlowRun => !!r);
    const rows = await this.ctx.db
      .select({ run: runs.run })
      .from(runs)
      .where(eq(runs.profileId, profileId))
      .orderBy(desc(runs.updatedAt), desc(runs.id));
    return rows.map((r) => r.run);
  }

  /** Forgets a deleted profile's runs and the graphs they ran on. */
  async removeProfile(profileId: string): Promise<void> {
    await this.ctx.db.delete(runs).where(eq(runs.profileId, profileId));
  }

  /** Starts `flow` in the chat, replacing a finished run; a chat with an active run keeps it. */
  async start(flow: Flow, chat: ChatRef, latest?: WAMessage): Promise<FlowRun | undefined> {
    const existing = await this.current(chat.profileId, chat.chatId);
    if (existing && ACTIVE.includes(existing.status)) return undefined;
    const now = new Date().toISOString();
    const run: FlowRun = {
      id: `run_${randomBytes(6).toString("hex")}`,
      flowId: flow.id,
      flowVersion: flow.version,
      workspaceId: chat.workspaceId,
      profileId: chat.profileId,
      chatId: chat.chatId,
      status: "running",
      nodeId: "",
      variables: {},
      path: [],
      step: 0,
      startedAt: now,
      updatedAt: now,
    };
    const graph: FlowGraph = { nodes: flow.nodes, edges: flow.edges };
    // Replaces the chat's finished run (and the graph it no longer needs) in one statement.
    const row = {
      id: run.id,
      profileId: run.profileId,
      chatId: run.chatId,
      status: run.status,
      run,
      graph,
      updatedAt: Date.parse(now),
    };
    await this.ctx.db
      .insert(runs)
      .values(row)
      .onConflictDoUpdate({ target: [runs.profileId, runs.chatId], set: row });
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
    for (const { run } of await this.ctx.db.select({ run: runs.run }).from(runs).where(eq(runs.status, "running"))) {
      if (!this.ctx.owns(run.profileId)) continue;
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
    const [row] = await this.ctx.db.select({ graph: runs.graph }).from(runs).where(eq(runs.id, run.id));
    const graph = row?.graph;
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
      waiting: (run) =>
        ctx.timers.add({
          id: timerId(run),
          dueAt: Date.parse(run.waitingUntil!),
          profileId: run.profileId,
          kind: "flow_timeout",
          payload: { runId: run.id, step: run.step, chatId: run.chatId, workspaceId: run.workspaceId },
        }),
      now: () => Date.now(),
    };
  }

  private async save(run: FlowRun): Promise<void> {
    const now = Date.now();
    run.updatedAt = new Date(now).toISOString();
    await this.ctx.db.update(runs).set({ status: run.status, run, updatedAt: now }).where(eq(runs.id, run.id));
  }
}

function timerId(run: FlowRun): string {
  return `flow:${run.id}:${run.step}`;
}
