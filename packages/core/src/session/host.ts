import type { SessionArgs, SessionMethod, SessionResult } from "../engine/guard.js";
import type { SessionState } from "../options.js";

export type { SessionArgs, SessionMethod, SessionResult };

/**
 * Where a profile's session lives. Everything that needs the live engine goes through it, so in a
 * cluster it runs on the node holding the profile's lease by construction (`RoutedSessions`), and on
 * this node otherwise (`LocalSessions`).
 */
export interface SessionHost {
  /** Connects the profile and marks it wanted running (restored after a restart). */
  start(profileId: string): Promise<SessionState>;
  /** Disconnects it and marks it stopped; credentials and queued messages stay. */
  stop(profileId: string): Promise<SessionState>;
  restart(profileId: string): Promise<SessionState>;
  /** Logs the account out: credentials are erased and the next start shows a new QR. */
  logout(profileId: string): Promise<SessionState>;
  /**
   * Hands the profile to another node: stops its session here but leaves it wanted, so a node with
   * fewer profiles takes it over (rebalancing). Queued messages stay in storage for the next owner.
   */
  release(profileId: string): Promise<void>;
  /**
   * The profile is being deleted: stops its session and drops what this node holds for it, so a profile
   * created later under the same id starts from nothing.
   */
  forget(profileId: string): Promise<void>;
  status(profileId: string): Promise<SessionState>;
  /** QR codes as they rotate; ends when the session opens or stops. */
  qr(profileId: string, signal?: AbortSignal): AsyncGenerator<string>;
  /** Logs in by phone number instead of QR; the user types the code into WhatsApp on that phone. */
  requestPairingCode(profileId: string, phone: string): Promise<string>;
  /** Hands a payload the platform pushed (a verified webhook of an official API) to the live session. */
  ingest(profileId: string, payload: unknown): Promise<void>;
  /** Whether this process holds the profile's session (its lease). */
  isRunningHere(profileId: string): boolean;
  /** The other node holding the profile's lease; undefined when it runs here or nowhere. */
  remoteOwner(profileId: string): Promise<string | undefined>;
  /** Runs a capability-backed `EngineSession` method on the node that holds the session. */
  invoke<M extends SessionMethod>(profileId: string, method: M, ...args: SessionArgs<M>): Promise<SessionResult<M>>;
}
