import type { EventEmitter } from "eventemitter3";
import type { CampaignProgress, CampaignStatus } from "./broadcast/schema.js";
import type { DisconnectReason, EngineEvents } from "./engine/types.js";
import type { HistoryImportCounts } from "./engine/history-types.js";
import type { MessageRecord } from "./outbox/records.js";
import type { SessionStatus } from "./session/profiles.js";

type WithProfile<T> = T & { profileId: string };
/** Campaign events name their workspace; `profileId` is the campaign's first profile, so per-profile streams and webhooks see them. */
type WithCampaign<T> = WithProfile<
  T & { workspaceId: string; campaignId: string; run: number; status: CampaignStatus }
>;

/** Every event the library emits; each payload names its profile. */
export type MultiWAEvents = { [K in keyof EngineEvents]: WithProfile<EngineEvents[K]> } & {
  "session.status": WithProfile<{
    status: SessionStatus;
    previous: SessionStatus;
    reason?: DisconnectReason;
    /** Why the last connection failed, in the engine's words (e.g. a proxy that refused it). */
    error?: string;
  }>;
  "message.queued": WithProfile<MessageRecord>;
  "campaign.status": WithCampaign<{ previous: CampaignStatus; error?: { code: string; message: string } }>;
  "campaign.progress": WithCampaign<{ progress: CampaignProgress }>;
  /** A chunk of history was imported (issue #21): the delivery's totals so far. */
  "history.progress": WithProfile<HistoryImportCounts>;
  /** The history delivery (after linking, or one on-demand fetch) is all imported. */
  "history.completed": WithProfile<HistoryImportCounts & { durationMs: number }>;
};

export type MultiWAEventName = keyof MultiWAEvents;

/** eventemitter3's listener map for `MultiWAEvents`, plus `*` which sees every event. */
export type MultiWAListeners = { [K in MultiWAEventName]: (payload: MultiWAEvents[K]) => void } & {
  "*": <K extends MultiWAEventName>(event: K, payload: MultiWAEvents[K]) => void;
};

export type EmitFn = <K extends MultiWAEventName>(event: K, payload: MultiWAEvents[K]) => void;

/** Emits an event to its own listeners and to the `"*"` listeners (which get its name first). */
export function emitWithWildcard(emitter: EventEmitter<MultiWAListeners>, event: string, payload: unknown): void {
  (emitter.emit as (e: string, p: unknown) => boolean)(event, payload);
  (emitter.emit as (e: string, n: string, p: unknown) => boolean)("*", event, payload);
}
