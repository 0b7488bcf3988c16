import type { DisconnectReason, EngineEvents } from "./engine/types.js";
import type { MessageRecord } from "./outbox/records.js";
import type { SessionStatus } from "./session/profiles.js";

type WithProfile<T> = T & { profileId: string };

/** Every event the library emits; each payload names its profile. */
export type MultiWAEvents = { [K in keyof EngineEvents]: WithProfile<EngineEvents[K]> } & {
  "session.status": WithProfile<{ status: SessionStatus; previous: SessionStatus; reason?: DisconnectReason }>;
  "message.queued": WithProfile<MessageRecord>;
  "message.failed": WithProfile<{ id: string; to: string; error: { code: string; message: string } }>;
};

export type MultiWAEventName = keyof MultiWAEvents;

/** eventemitter3's listener map for `MultiWAEvents`, plus `*` which sees every event. */
export type MultiWAListeners = { [K in MultiWAEventName]: (payload: MultiWAEvents[K]) => void } & {
  "*": <K extends MultiWAEventName>(event: K, payload: MultiWAEvents[K]) => void;
};

export type EmitFn = <K extends MultiWAEventName>(event: K, payload: MultiWAEvents[K]) => void;
