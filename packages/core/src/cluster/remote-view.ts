import type { EventEmitter } from "eventemitter3";
import type { MultiWAListeners } from "../events.js";
import type { SessionState } from "../options.js";
import type { ProfileStore, SessionStatus } from "../session/profiles.js";
import { pushStream } from "../util/push-stream.js";

/** While a QR may still come, a stream stays open; anything else ends it (as on the owner). */
const AWAITING_QR = new Set<SessionStatus>(["qr", "connecting", "reconnecting"]);

/**
 * What a node that does not run a profile can say about its session without asking the owner: the
 * status the owner saved, and the QR codes it broadcast. Reading it never waits on another node, so
 * status calls keep answering while a dead owner's lease runs out.
 */
export class RemoteSessionView {
  private readonly qrs = new Map<string, string>();

  constructor(
    private readonly events: EventEmitter<MultiWAListeners>,
    private readonly profiles: ProfileStore,
  ) {
    events.on("qr", (e) => this.qrs.set(e.profileId, e.qr));
    events.on("session.status", (e) => e.status !== "qr" && this.qrs.delete(e.profileId));
  }

  async status(id: string): Promise<SessionState> {
    const profile = await this.profiles.get(id);
    const qr = this.qrs.get(id);
    // The owner's in-memory queue length is not shared; its items are in storage either way.
    return {
      profileId: id,
      status: profile.status,
      queued: 0,
      ...(profile.me ? { me: profile.me } : {}),
      ...(qr ? { qr } : {}),
    };
  }

  /** The owner's QR codes as they rotate, until its session opens or stops. */
  qr(id: string, signal?: AbortSignal): AsyncGenerator<string> {
    const events = this.events;
    const subscribe = (push: (qr: string | undefined) => void) => {
      const onQr = (e: { profileId: string; qr: string }) => e.profileId === id && push(e.qr);
      const onStatus = (e: { profileId: string; status: SessionStatus }) =>
        e.profileId === id && !AWAITING_QR.has(e.status) && push(undefined);
      events.on("qr", onQr);
      events.on("session.status", onStatus);
      return () => {
        events.off("qr", onQr);
        events.off("session.status", onStatus);
      };
    };
    return pushStream(subscribe, () => [this.qrs.get(id)].filter((qr): qr is string => !!qr), signal);
  }
}
