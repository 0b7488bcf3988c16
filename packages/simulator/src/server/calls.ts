import { EventEmitter } from "node:events";
import type { BinaryNode } from "@whiskeysockets/baileys";
import type { SimPhone } from "../scenario/phone.js";
import { children, messageId, node, unixTime } from "../wire/nodes.js";
import type { Connection } from "./connection.js";

export type SimCallState = "ringing" | "rejected" | "terminated" | "timeout";

export interface SimCall {
  readonly id: string;
  readonly from: SimPhone;
  readonly to: SimPhone;
  readonly video: boolean;
  state: SimCallState;
}

/**
 * Voice/video call signalling between a simulated phone and an account's clients: the `<call>`
 * stanzas Baileys rc14's `handleCall` reads (offer, terminate) and the `<reject>` its `rejectCall` sends.
 */
export class CallStore extends EventEmitter<{ rejected: [SimCall] }> {
  readonly #calls = new Map<string, SimCall>();

  get(id: string): SimCall | undefined {
    return this.#calls.get(id);
  }

  /** `from` rings `to`: every client of `to` gets an `<offer>` (the caller by LID, its phone number alongside). */
  offer(from: SimPhone, to: SimPhone, options: { video?: boolean } = {}): SimCall {
    const call: SimCall = { id: messageId(), from, to, video: Boolean(options.video), state: "ringing" };
    this.#calls.set(call.id, call);
    const media = [node("audio", { enc: "opus", rate: "16000" }), node("audio", { enc: "opus", rate: "8000" })];
    if (call.video) media.push(node("video", { enc: "vp8", dec: "vp8", orientation: "0" }));
    this.#send(call, node("offer", this.#attrs(call), [...media, node("net", { medium: "3" })]));
    return call;
  }

  /** The caller hangs up, or nobody answered (`timeout`). */
  terminate(call: SimCall, reason: "terminated" | "timeout" = "terminated"): void {
    if (call.state !== "ringing") return;
    call.state = reason;
    this.#send(call, node("terminate", { ...this.#attrs(call), ...(reason === "timeout" ? { reason } : {}) }));
  }

  /** A client's `<call>` stanza: a `<reject>` ends the call; Baileys waits for an ack with the stanza's id. */
  onClientCall(conn: Connection, stanza: BinaryNode): void {
    const [first] = children(stanza);
    conn.send(node("ack", { id: stanza.attrs.id, class: "call", type: first?.tag, from: stanza.attrs.to }));
    const call = this.#calls.get(first?.attrs["call-id"] ?? "");
    if (first?.tag !== "reject" || !call || call.state !== "ringing") return;
    if (conn.companion?.pn !== call.to.pn) return;
    call.state = "rejected";
    this.emit("rejected", call);
  }

  // --- Internal helpers ---

  #attrs(call: SimCall): Record<string, string> {
    return { "call-id": call.id, "call-creator": call.from.lidJid, caller_pn: call.from.jid };
  }

  #send(call: SimCall, info: BinaryNode): void {
    const stanza = node("call", { from: call.from.lidJid, id: messageId(), t: unixTime() }, [info]);
    for (const c of call.to.companions.values()) if (!c.removed) c.send(stanza);
  }
}
