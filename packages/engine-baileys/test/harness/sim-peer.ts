import type { TestPeer } from "@multiwa/core/testing";
import type { WAMessage } from "@multiwa/core";
import type { ReceivedMessage, SimCall, SimPhone } from "@multiwa/simulator";
import { forwardingScoreOf, quotedIdOf, toInboundContent } from "../../src/inbound.js";
import { statusContent } from "../../src/status.js";

/** What a simulated phone decrypted, in MultiWA's shape, through the engine's own inbound mapper. */
export function fromSimMessage(m: ReceivedMessage): WAMessage | undefined {
  const content = toInboundContent(m.message);
  if (!content) return undefined;
  const quotedId = quotedIdOf(m.message);
  const forwarded = forwardingScoreOf(m.message);
  return {
    id: m.id,
    chatId: m.chat,
    sender: m.sender.replace(/:\d+@/, "@"),
    fromMe: false,
    timestamp: m.timestamp,
    content,
    ...(quotedId ? { quotedId } : {}),
    ...(forwarded ? { forwarded } : {}),
  };
}

export interface SimPeerOptions {
  /**
   * Called with each message the peer took: sends the delivery receipt and resolves once the
   * engine reported it, so a receipt never lands in the next test step (see README, core notes).
   */
  deliver?(m: ReceivedMessage): Promise<void>;
  /** Rings the account under test (calls.reject steps). */
  call?(video: boolean): SimCall;
  /** The peer's side of group membership (groups.join and join-request steps). */
  groups?: Pick<TestPeer, "ownGroup" | "askToJoin">;
}

/** A simulated phone as the conformance suite's TestPeer. */
export function simPeer(
  phone: SimPhone,
  options: SimPeerOptions = {},
  phoneOf?: (jid: string) => SimPhone | undefined,
): TestPeer {
  const recipient = (jid: string) => {
    const found = phoneOf?.(jid);
    if (!found) throw new Error(`no simulated phone ${jid}`);
    return found;
  };
  return {
    jid: phone.jid,
    sendText: async (to, text) => (await phone.sendText(to, text)).id,
    async nextMessage(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const received = await phone.nextMessage({ timeoutMs: Math.max(1, deadline - Date.now()) });
        await options.deliver?.(received);
        // Skip pure signalling (e.g. a bare sender-key distribution) the way the engine does.
        const mapped = fromSimMessage(received);
        if (mapped) return mapped;
      }
    },
    markRead: async (sender, ids) => phone.sendReceipt(sender, ids, "read"),
    setAbout: async (about) => phone.setAbout(about),
    setPicture: async (jpeg) => phone.setPicture(jpeg),
    setBusiness: async (business) => phone.setBusiness(business),
    // Statuses (#21): what the phone decrypted on status@broadcast, through the engine's own mapper.
    async nextStatus(timeoutMs = 20_000) {
      const got = await phone.nextStatus({ timeoutMs });
      const revoked = got.message.protocolMessage?.key?.id;
      return { id: got.id, content: statusContent(got.message), ...(revoked ? { deletes: revoked } : {}) };
    },
    postStatus: async (text, to, style = {}) =>
      (
        await phone.postTextStatus(text, [recipient(to)], {
          ...(style.backgroundColor
            ? { backgroundArgb: 0xff000000 + parseInt(style.backgroundColor.slice(1), 16) }
            : {}),
          ...(style.font !== undefined ? { font: style.font } : {}),
        })
      ).id,
    viewStatus: async (id, poster) => phone.viewStatus(id, recipient(poster)),
    deleteStatus: async (id, to) => void (await phone.deleteStatus(id, [recipient(to)])),
    // Channels (#21): the phone owns a channel on the simulator; posts are what the simulator holds.
    ownChannel: async (name) => {
      const { jid, invite } = phone.createChannel(name);
      return { id: jid, invite };
    },
    postToChannel: async (id, text) => phone.postToChannel(id, text),
    reactInChannel: async (id, serverId, emoji) => phone.reactInChannel(id, serverId, emoji),
    channelPosts: async (id) => phone.channelPosts(id).map((m) => toInboundContent(m) ?? { type: "unknown" }),
    ...options.groups,
    ...(options.call
      ? {
          async call(o) {
            const call = options.call!(Boolean(o?.video));
            return { callId: call.id, rejected: () => call.state === "rejected" };
          },
        }
      : {}),
  };
}
