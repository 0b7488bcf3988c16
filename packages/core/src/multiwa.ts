import { EventEmitter } from "eventemitter3";
import type { Storage } from "unstorage";
import { compose, type Parts } from "./compose.js";
import { resolveDatabase } from "./db/resolve.js";
import type { Database } from "./db/types.js";
import { capabilityMatrix, type CapabilityMatrix } from "./engine/capabilities.js";
import { emitWithWildcard, type EmitFn, type MultiWAListeners } from "./events.js";
import { startServices, stopServices, type Service } from "./lifecycle.js";
import { libraryServices } from "./services.js";
import type { MultiWAOptions, SessionState } from "./options.js";
import { resolveOptions, type ResolvedOptions } from "./resolve-options.js";
import { createFsStorage } from "./storage/create.js";
import { guardStorageKeys } from "./storage/key-guard.js";
import { deleteWorkspace } from "./tenancy/delete-workspace.js";

export type { MultiWAOptions, SessionState };

/** Creates the library: storage, engines and every profile's session, restored from storage. */
export async function createMultiWA(input: MultiWAOptions): Promise<MultiWA> {
  const options = resolveOptions(input);
  const storage = guardStorageKeys(options.storage ?? (await createFsStorage(options.dataDir)));
  const { database, owned } = await resolveDatabase(options, storage);
  const wa = new MultiWA(options, database, owned, storage);
  await startServices(wa.services, options.restore);
  return wa;
}

export class MultiWA extends EventEmitter<MultiWAListeners> implements Parts {
  readonly storage!: Storage;
  /** The records database (SQL); `storage` keeps what is key-value by nature. */
  readonly database!: Database;
  readonly engines!: Parts["engines"];
  readonly nodeId!: string;
  /** The WhatsApp accounts; `remove` stops the session and deletes everything the profile owns. */
  readonly profiles!: Parts["profiles"];
  /** Engine settings per profile (secrets): read by the engine and the ingress check, never by listings. */
  readonly settings!: Parts["settings"];
  readonly records!: Parts["records"];
  readonly history!: Parts["history"];
  readonly apiKeys!: Parts["apiKeys"];
  readonly webhooks!: Parts["webhooks"];
  /** Event transports (RabbitMQ, NATS, Redis Streams): webhook events and deliveries on a broker. */
  readonly transports!: Parts["transports"];
  /** The one client every outbound call goes through (webhooks, media URLs, AI, flow HTTP). */
  readonly outbound!: Parts["outbound"];
  readonly tenancy!: Parts["tenancy"];
  readonly audit!: Parts["audit"];
  readonly analytics!: Parts["analytics"];
  readonly contacts!: Parts["contacts"];
  readonly templates!: Parts["templates"];
  readonly campaigns!: Parts["campaigns"];
  readonly automation!: Parts["automation"];
  /** Other WhatsApp users: number checks, LID ↔ phone, pictures, about, business profiles, blocking. */
  readonly directory!: Parts["directory"];
  /** Conversations: list and read them; archive, pin, mute, mark unread, delete, clear; star messages (#20). */
  readonly chats!: Parts["chats"];
  /** The profile's own WhatsApp account: name, about, picture, privacy. */
  readonly account!: Parts["account"];
  /** The official platform's message templates: submit for review, read their status, delete. */
  readonly businessTemplates!: Parts["businessTemplates"];
  /** Rejecting calls, and each profile's auto-reject setting. */
  readonly calls!: Parts["calls"];
  /** Each profile's proxies (HTTP, HTTPS, SOCKS5) and their rotation; passwords never listed back. */
  readonly proxies!: Parts["proxies"];
  /** Statuses (stories): post, delete, contacts' statuses and who viewed ours. */
  readonly statuses!: Parts["statuses"];
  /** Channels (newsletters): create, look up by link, follow, mute, post and read posts with reactions. */
  readonly channels!: Parts["channels"];
  /** WhatsApp Business labels: create, edit, delete, put on chats and messages; optionally as contact tags. */
  readonly labels!: Parts["labels"];
  /** WhatsApp's limits on each profile (reach-out timelock, new-chat capping), as WhatsApp reported them. */
  readonly limits!: Parts["limits"];
  /** Where each profile's session lives: every call needing the live engine goes through it. */
  readonly sessions!: Parts["sessions"];
  readonly messages!: Parts["messages"];
  readonly groups!: Parts["groups"];
  /** Deletes expired records in the background (see `MultiWAOptions.retention`); `run()` prunes now. */
  readonly retention!: Parts["retention"];
  /**
   * Every event of the cluster: this node's and, with a `bus`, the other nodes'. Live streams
   * (SSE, WebSocket) listen here; history, analytics and webhooks listen to this node's own events only.
   */
  readonly clusterEvents = new EventEmitter<MultiWAListeners>();
  /** Authorizes the ids a caller names against its principal; the server's request pipeline uses it too. */
  readonly access!: Parts["access"];
  /** This node's own sessions and send queues; with a `bus`, the host sending calls to the profile's node. */
  private readonly local: ReturnType<typeof compose>["local"];
  /** @internal Started in order by `createMultiWA`, stopped in reverse by `close()`: a part stops before what it uses. */
  readonly services: readonly Service[];

  constructor(
    private readonly options: ResolvedOptions,
    database: Database,
    owned: boolean,
    storage: Storage,
  ) {
    super();
    const hub = { emit: this.emitEvent, on: this.on.bind(this), clusterEvents: this.clusterEvents };
    const graph = compose(options, storage, database, hub);
    Object.assign(this, graph.parts);
    this.local = graph.local;
    const { clusterEvents } = this;
    const removeListeners = () => (this.removeAllListeners(), clusterEvents.removeAllListeners());
    this.services = libraryServices({ ...graph, database, owned, bus: options.bus, clusterEvents, removeListeners });
  }

  capabilities(): CapabilityMatrix {
    return capabilityMatrix(this.engines);
  }

  /** Deletes a workspace with everything it owns (see `tenancy/delete-workspace.ts`); not the default one. */
  deleteWorkspace(id: string): Promise<void> {
    return deleteWorkspace(this, id);
  }

  /**
   * Picks up messages another node queued for a profile running here whose wake-up never arrived
   * (that node died right after storing them). Resolves with how many were found.
   */
  resumeQueued(id: string): Promise<number> {
    return this.local.resumeQueued(id);
  }

  /** Reconnects every profile that should be running (after a restart): this node's own, never another node's. */
  restore(): Promise<string[]> {
    return this.local.restore();
  }

  /** Disconnects every session (credentials and queues stay), releases leases and stops every service. */
  close(): Promise<void> {
    return stopServices(this.services);
  }

  /** The parts' `emit`: this node's listeners, the cluster stream, and the other nodes. */
  private readonly emitEvent: EmitFn = (event, payload) => {
    emitWithWildcard(this, event, payload);
    emitWithWildcard(this.clusterEvents, event, payload);
    void this.options.bus?.publish({ kind: "event", from: this.nodeId, event, payload }).catch(() => undefined);
  };
}
