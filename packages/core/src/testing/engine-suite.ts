import { createStorage } from "unstorage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAPABILITIES, type Capability } from "../engine/capabilities.js";
import { missingCapabilityMethods } from "../engine/guard.js";
import type { WAMessage } from "../engine/types.js";
import { createMultiWA, type MultiWA } from "../multiwa.js";
import type { MessageContent } from "../schemas/message.js";
import { JPEG_BASE64, PDF_BASE64, OPAQUE_BASE64, PNG_BASE64, WEBP_BASE64 } from "./fixtures/media.js";
import { callSteps } from "./call-steps.js";
import { groupJoinSteps } from "./group-join-steps.js";
import { templateSteps } from "./template-steps.js";
import { chatSteps } from "./chat-steps.js";
import { directorySteps } from "./directory-steps.js";
import { messageActionSteps } from "./message-action-steps.js";
import { statusSteps } from "./status-steps.js";
import { channelSteps } from "./channel-steps.js";
import { labelSteps } from "./label-steps.js";
import { historySteps } from "./history-steps.js";
import type { EngineHarness, TestPeer } from "./harness.js";
import { nextEvent, waitForStatus } from "./wait.js";

export interface EngineSuiteOptions {
  /** Shown in the describe block. */
  name: string;
  setup(): Promise<EngineHarness>;
  /** Test names to skip, each with a reason in a comment at the call site. */
  skip?: string[];
  /** Per-step timeout. @default 20000 */
  timeoutMs?: number;
}

const PROFILE = "conformance";

/**
 * The one suite every engine passes. It drives the engine through `createMultiWA`, as users do,
 * in order: login, restore, every send type, receiving, receipts, groups, reconnects, logout.
 */
export function testEngine(options: EngineSuiteOptions): void {
  const timeout = options.timeoutMs ?? 20_000;
  describe.sequential(`engine conformance: ${options.name}`, () => {
    let h: EngineHarness;
    let wa: MultiWA;
    let peer: TestPeer;
    let me: string;
    /** Chats of every `message.received`: history must never show up here. */
    const received: string[] = [];
    const has = (c: Capability) => h.engine.capabilities.includes(c);
    const step = (name: string, fn: () => Promise<void>, needs?: () => boolean) =>
      it(
        name,
        async (ctx) => {
          if (options.skip?.includes(name) || (needs && !needs())) return ctx.skip();
          await fn();
        },
        timeout,
      );

    beforeAll(async () => {
      h = await options.setup();
      wa = await createMultiWA({
        engines: { [h.engine.name]: h.engine },
        storage: h.storage?.() ?? createStorage(),
        pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
        reconnect: { baseMs: 50, maxMs: 500 },
      });
      await wa.profiles.create({
        id: PROFILE,
        name: "Conformance",
        ...(h.history ? { settings: h.history.settings } : {}),
      });
      wa.on("message.received", (m) => void received.push(m.chatId));
      peer = await h.createPeer();
    }, 60_000);

    afterAll(async () => {
      await wa?.close();
      await h?.close?.();
    }, 60_000);

    step("declares known capabilities, each backed by a method", async () => {
      for (const c of h.engine.capabilities) expect(CAPABILITIES).toContain(c);
      expect(h.engine.capabilities).toContain("send.text");
      const session = h.engine.createSession({
        profileId: "probe",
        storage: createStorage(),
        emit: () => {},
        logger: console,
      });
      expect(missingCapabilityMethods(h.engine, session)).toEqual([]);
    });

    step(
      "logs in by QR and reports the account",
      async () => {
        const qrs = wa.sessions.qr(PROFILE);
        await wa.sessions.start(PROFILE);
        const { value: qr } = await qrs.next();
        expect(typeof qr).toBe("string");
        await h.scanQr(qr as string);
        const state = await waitForStatus(wa, PROFILE, "open", timeout);
        expect(state.me?.jid).toBe(`${h.phone}@s.whatsapp.net`);
        me = state.me!.jid;
      },
      () => has("login.qr"),
    );

    // Right after linking: the phone sends its history once, and a restart during the import loses what
    // Baileys had acked but not yet handed over.
    historySteps({ wa: () => wa, h: () => h, peer: () => peer, profile: PROFILE, has, step }, () => received, timeout);

    step("restores the session from storage without a new QR", async () => {
      await wa.sessions.stop(PROFILE);
      expect((await wa.sessions.status(PROFILE)).status).toBe("stopped");
      const qrSeen = nextEvent(wa, "qr", () => true, 1500).then(
        () => true,
        () => false,
      );
      await wa.sessions.start(PROFILE);
      await waitForStatus(wa, PROFILE, "open", timeout);
      expect(await qrSeen).toBe(false);
    });

    step("sends text, and the peer receives it under the same id", async () => {
      const record = await wa.messages.sendAndWait(PROFILE, {
        to: peer.jid,
        content: { type: "text", text: "hello from conformance" },
      });
      expect(record.status).not.toBe("failed");
      const got = await peer.nextMessage(timeout);
      // Engines that pick their own ids (whatsapp-web.js) report it as `engineId`.
      const sent = await wa.messages.get(PROFILE, record.id);
      expect(got.id).toBe(sent.engineId ?? record.id);
      expect(got.content).toMatchObject({ type: "text", text: "hello from conformance" });
    });

    step("reports delivery of a sent message", async () => {
      // Receipts may arrive before sendAndWait returns, so every one is collected from the start.
      const seen: string[] = [];
      const collect = (e: { ids: string[] }) => seen.push(...e.ids);
      wa.on("message.delivered", collect);
      const record = await wa.messages.sendAndWait(PROFILE, {
        to: peer.jid,
        content: { type: "text", text: "receipt please" },
      });
      await peer.nextMessage(timeout);
      await expect.poll(() => seen, { timeout }).toContain(record.id);
      wa.off("message.delivered", collect);
      await expect
        .poll(async () => (await wa.messages.get(PROFILE, record.id)).status, { timeout })
        .toMatch(/delivered|read/);
    });

    step("reports that the peer read a message", async () => {
      // Listening from before the send: a peer that reads at once must not be missed.
      const read: string[] = [];
      const collect = (e: { ids: string[] }) => read.push(...e.ids);
      wa.on("message.read", collect);
      const record = await wa.messages.sendAndWait(PROFILE, {
        to: peer.jid,
        content: { type: "text", text: "read me" },
      });
      await peer.nextMessage(timeout);
      await peer.markRead(me, [record.id]);
      await expect.poll(() => read, { timeout }).toContain(record.id);
      wa.off("message.read", collect);
      await expect.poll(async () => (await wa.messages.get(PROFILE, record.id)).status, { timeout }).toBe("read");
    });

    const media: [Capability, MessageContent, (m: WAMessage) => void][] = [
      [
        "send.image",
        { type: "image", media: { base64: PNG_BASE64 }, mimetype: "image/png", caption: "an image" },
        (m) => expect(m.content).toMatchObject({ type: "image", mimetype: "image/png", caption: "an image" }),
      ],
      [
        "send.video",
        { type: "video", media: { base64: OPAQUE_BASE64 }, mimetype: "video/mp4", caption: "a video" },
        (m) => expect(m.content).toMatchObject({ type: "video", mimetype: "video/mp4", caption: "a video" }),
      ],
      [
        "send.audio",
        { type: "audio", media: { base64: OPAQUE_BASE64 }, mimetype: "audio/ogg; codecs=opus", ptt: true },
        (m) => expect(m.content).toMatchObject({ type: "audio", ptt: true }),
      ],
      [
        "send.document",
        { type: "document", media: { base64: PDF_BASE64 }, mimetype: "application/pdf", fileName: "report.pdf" },
        (m) =>
          expect(m.content).toMatchObject({ type: "document", fileName: "report.pdf", mimetype: "application/pdf" }),
      ],
      [
        "send.sticker",
        { type: "sticker", media: { base64: WEBP_BASE64 }, mimetype: "image/webp" },
        (m) => expect(m.content).toMatchObject({ type: "sticker", mimetype: "image/webp" }),
      ],
      [
        "send.location",
        { type: "location", latitude: -6.2, longitude: 106.8, name: "Jakarta" },
        (m) => expect(m.content).toMatchObject({ type: "location", latitude: -6.2, longitude: 106.8, name: "Jakarta" }),
      ],
      [
        "send.contact",
        { type: "contact", contacts: [{ name: "Ada Lovelace", phone: "+44 20 7946 0000" }] },
        (m) => expect(m.content).toMatchObject({ type: "contact", contacts: [{ name: "Ada Lovelace" }] }),
      ],
      [
        "send.poll",
        { type: "poll", name: "Lunch?", options: ["Yes", "No"], selectableCount: 1 },
        (m) => expect(m.content).toMatchObject({ type: "poll", name: "Lunch?", options: ["Yes", "No"] }),
      ],
      [
        "send.event",
        { type: "event", name: "Launch", startTime: Date.UTC(2027, 0, 1, 10), location: { name: "Jakarta" } },
        (m) =>
          expect(m.content).toMatchObject({
            type: "event",
            name: "Launch",
            startTime: Date.UTC(2027, 0, 1, 10),
            location: { name: "Jakarta" },
          }),
      ],
    ];
    for (const [capability, content, check] of media) {
      step(
        `sends ${content.type}`,
        async () => {
          const record = await wa.messages.sendAndWait(PROFILE, { to: peer.jid, content });
          expect(record.status, JSON.stringify(record.error)).not.toBe("failed");
          const got = await peer.nextMessage(timeout);
          expect(got.id).toBe(record.id);
          check(got);
        },
        () => has(capability),
      );
    }

    step("replies with a quote, reacts, edits and deletes", async () => {
      const original = await wa.messages.sendAndWait(PROFILE, {
        to: peer.jid,
        content: { type: "text", text: "original" },
      });
      await peer.nextMessage(timeout);
      const steps: [Capability, MessageContent, Record<string, unknown>][] = [
        [
          "send.reaction",
          { type: "reaction", target: { id: original.id, fromMe: true }, emoji: "👍" },
          { type: "reaction", emoji: "👍", target: { id: original.id } },
        ],
        [
          "send.edit",
          { type: "edit", target: { id: original.id }, text: "edited" },
          { type: "edit", text: "edited", target: { id: original.id } },
        ],
        [
          "send.delete",
          { type: "delete", target: { id: original.id } },
          { type: "delete", target: { id: original.id } },
        ],
      ];
      if (has("send.reply")) {
        await wa.messages.sendAndWait(PROFILE, {
          to: peer.jid,
          content: { type: "text", text: "a reply" },
          options: { quotedId: original.id },
        });
        expect((await peer.nextMessage(timeout)).quotedId).toBe(original.id);
      }
      for (const [capability, content, expected] of steps) {
        if (!has(capability)) continue;
        const record = await wa.messages.sendAndWait(PROFILE, { to: peer.jid, content });
        expect(record.status, JSON.stringify(record.error)).not.toBe("failed");
        expect((await peer.nextMessage(timeout)).content).toMatchObject(expected);
      }
    });

    step("receives a text from a peer", async () => {
      const received = nextEvent(
        wa,
        "message.received",
        (m) => m.content.type === "text" && m.content.text === "ping from peer",
        timeout,
      );
      const id = await peer.sendText(me, "ping from peer");
      const message = await received;
      expect(message.id).toBe(id);
      expect(message.fromMe).toBe(false);
      expect([message.sender, message.senderPhone]).toContain(peer.jid);
      expect(message.profileId).toBe(PROFILE);
    });

    step(
      "marks a received message as read",
      async () => {
        const received = nextEvent(
          wa,
          "message.received",
          (m) => m.content.type === "text" && m.content.text === "mark me",
          timeout,
        );
        await peer.sendText(me, "mark me");
        const message = await received;
        await wa.messages.markRead(PROFILE, message.chatId, [message.id], message.sender);
      },
      () => has("receipts.read"),
    );

    step(
      "sends presence",
      async () => {
        await wa.messages.presence(PROFILE, "available");
        await wa.messages.presence(PROFILE, "composing", peer.jid);
        await wa.messages.presence(PROFILE, "paused", peer.jid);
      },
      () => has("presence"),
    );

    step(
      "manages a group: create, info, participants, invite, message, leave",
      async () => {
        const group = await wa.groups.create(PROFILE, "Conformance group", [peer.jid]);
        expect(group.id).toMatch(/@g\.us$/);
        const info = await wa.groups.info(PROFILE, group.id);
        expect(info.subject).toBe("Conformance group");
        expect(info.participants.map((p) => p.jid)).toEqual(expect.arrayContaining([me, peer.jid]));
        expect(await wa.groups.participants(PROFILE, group.id, "promote", [peer.jid])).toEqual([
          expect.objectContaining({ status: "200" }),
        ]);
        expect((await wa.groups.info(PROFILE, group.id)).participants.find((p) => p.jid === peer.jid)?.admin).toBe(
          "admin",
        );
        expect(await wa.groups.participants(PROFILE, group.id, "demote", [peer.jid])).toEqual([
          expect.objectContaining({ status: "200" }),
        ]);
        if (has("groups.invite")) expect(await wa.groups.inviteCode(PROFILE, group.id)).toMatch(/\S+/);
        const record = await wa.messages.sendAndWait(PROFILE, {
          to: group.id,
          content: { type: "text", text: "hello group" },
        });
        const got = await peer.nextMessage(timeout);
        expect(got).toMatchObject({ id: record.id, chatId: group.id, content: { type: "text", text: "hello group" } });
        expect(await wa.groups.participants(PROFILE, group.id, "remove", [peer.jid])).toEqual([
          expect.objectContaining({ status: "200" }),
        ]);
        expect((await wa.groups.info(PROFILE, group.id)).participants.map((p) => p.jid)).not.toContain(peer.jid);
        if (has("groups.leave")) await wa.groups.leave(PROFILE, group.id);
      },
      () => has("groups.create") && has("groups.info") && has("groups.participants"),
    );

    // #20: group administration, one step per capability, on a group the profile creates and owns.
    const adminGroup = async () => (await wa.groups.create(PROFILE, "Admin conformance", [peer.jid])).id;
    step(
      "changes a group's subject, description and settings, and reads them back",
      async () => {
        const id = await adminGroup();
        const info = await wa.groups.update(PROFILE, id, {
          subject: "Admin renamed",
          description: "Conformance rules",
          settings: { announcementOnly: true, locked: true, ephemeralSeconds: 86_400, memberAddMode: "all" },
        });
        expect(info).toMatchObject({ subject: "Admin renamed", description: "Conformance rules" });
        if (info.settings)
          expect(info.settings).toMatchObject({ announcementOnly: true, locked: true, ephemeralSeconds: 86_400 });
      },
      () => has("groups.create") && has("groups.update") && has("groups.info"),
    );
    step(
      "groups.picture: sets a group's picture and removes it",
      async () => {
        const id = await adminGroup();
        await wa.groups.setPicture(PROFILE, id, { image: { base64: JPEG_BASE64 } });
        await wa.groups.removePicture(PROFILE, id);
      },
      () => has("groups.create") && has("groups.picture"),
    );
    step(
      "lists the groups the account is in",
      async () => {
        const id = await adminGroup();
        expect((await wa.groups.list(PROFILE)).map((g) => g.id)).toContain(id);
      },
      () => has("groups.create") && has("groups.list"),
    );
    step(
      "revokes the invite link, and reads an invite without joining",
      async () => {
        const id = await adminGroup();
        const before = await wa.groups.inviteCode(PROFILE, id);
        const after = await wa.groups.revokeInvite(PROFILE, id);
        expect(after).not.toBe(before);
        if (has("groups.inviteInfo")) expect((await wa.groups.inviteInfo(PROFILE, { invite: after })).id).toBe(id);
      },
      () => has("groups.create") && has("groups.invite") && has("groups.revokeInvite"),
    );
    step(
      "lists join requests of a group that wants approval (none yet)",
      async () => {
        const id = await adminGroup();
        await wa.groups.update(PROFILE, id, { settings: { approvalRequired: true } });
        expect(await wa.groups.requests(PROFILE, id)).toEqual([]);
      },
      () => has("groups.create") && has("groups.update") && has("groups.requests"),
    );

    messageActionSteps({ wa: () => wa, h: () => h, peer: () => peer, profile: PROFILE, has, step }, () => me, timeout);
    directorySteps({ wa: () => wa, h: () => h, peer: () => peer, profile: PROFILE, has, step });
    chatSteps({ wa: () => wa, h: () => h, peer: () => peer, profile: PROFILE, has, step });
    statusSteps({ wa: () => wa, h: () => h, peer: () => peer, profile: PROFILE, has, step }, () => me, timeout);
    channelSteps({ wa: () => wa, h: () => h, peer: () => peer, profile: PROFILE, has, step }, timeout);
    labelSteps({ wa: () => wa, h: () => h, peer: () => peer, profile: PROFILE, has, step }, () => me, timeout);
    callSteps({ wa: () => wa, h: () => h, peer: () => peer, profile: PROFILE, has, step });
    groupJoinSteps({ wa: () => wa, h: () => h, peer: () => peer, profile: PROFILE, has, step }, () => me);
    templateSteps({ wa: () => wa, h: () => h, peer: () => peer, profile: PROFILE, has, step });

    for (const reason of ["connection_lost", "restart_required"] as const) {
      step(
        `reconnects by itself after ${reason}`,
        async () => {
          const reopened = nextEvent(wa, "session.status", (e) => e.status === "open", timeout);
          await h.disconnect!(reason);
          await reopened;
          const record = await wa.messages.sendAndWait(PROFILE, {
            to: peer.jid,
            content: { type: "text", text: `after ${reason}` },
          });
          expect((await peer.nextMessage(timeout)).id).toBe(record.id);
        },
        () => Boolean(h.disconnect),
      );
    }

    step(
      "stops on a conflict instead of fighting the other client, and can start again",
      async () => {
        const conflicted = nextEvent(wa, "session.status", (e) => e.status === "conflict", timeout);
        await h.disconnect!("conflict");
        await conflicted;
        await wa.sessions.start(PROFILE);
        await waitForStatus(wa, PROFILE, "open", timeout);
      },
      () => Boolean(h.disconnect),
    );

    step(
      "logs in by pairing code",
      async () => {
        await wa.profiles.create({ id: `${PROFILE}-code`, name: "Pairing code" });
        const code = await wa.sessions.requestPairingCode(`${PROFILE}-code`, h.phone);
        expect(code).toMatch(/^[A-Z0-9-]{8,9}$/);
        await h.enterPairingCode!(code);
        const state = await waitForStatus(wa, `${PROFILE}-code`, "open", timeout);
        expect(state.me?.jid).toBe(`${h.phone}@s.whatsapp.net`);
        await wa.sessions.stop(`${PROFILE}-code`);
      },
      () => has("login.pairingCode") && Boolean(h.enterPairingCode),
    );

    step(
      "logs out: credentials are gone and the next start asks for a QR",
      async () => {
        await wa.sessions.logout(PROFILE);
        expect((await wa.sessions.status(PROFILE)).status).toBe("logged_out");
        const qrs = wa.sessions.qr(PROFILE);
        await wa.sessions.start(PROFILE);
        const { value } = await qrs.next();
        expect(typeof value).toBe("string");
        await wa.sessions.stop(PROFILE);
      },
      () => has("logout"),
    );
  });
}
