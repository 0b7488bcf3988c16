import { describe, expect, it } from "vitest";
import { isMultiWAError, type MultiWAEventName } from "../../src/index.js";
import { linkedMockProfile } from "../helpers/mock.js";

const ME = "6281100000411";
const ALICE = "6282200000422";
const BOB = "6283300000433";

// Issue #21: statuses (stories) through wa.statuses on the mock engine: post to a list or to every
// contact, views and deletes kept in SQL, contacts' statuses received — and never as chat messages.
describe("wa.statuses", () => {
  const open = async (engine?: Parameters<typeof linkedMockProfile>[2]) => {
    const { wa, network } = await linkedMockProfile("desk", ME, engine);
    const seen: MultiWAEventName[] = [];
    wa.on("*", (event) => void seen.push(event));
    return { wa, network, seen };
  };

  it("posts a styled text status to a chosen list; a view and the delete are recorded", async () => {
    const { wa, network, seen } = await open();
    try {
      const status = await wa.statuses.post("desk", {
        content: { type: "text", text: "Open today", backgroundColor: "#1E88E5", font: 2 },
        recipients: [`+${ALICE}`],
      });
      expect(status).toMatchObject({ fromMe: true, recipients: [`${ALICE}@s.whatsapp.net`], views: [] });
      expect(network.statuses.receivedBy(ALICE).map((s) => s.content)).toEqual([
        { type: "text", text: "Open today", backgroundColor: "#1E88E5", font: 2 },
      ]);
      expect(network.statuses.receivedBy(BOB)).toEqual([]);

      network.phone(ALICE).viewStatus(status.id);
      await expect
        .poll(async () => (await wa.statuses.get("desk", status.id)).views.map((v) => v.viewer))
        .toEqual([`${ALICE}@s.whatsapp.net`]);
      expect(seen).toContain("status.viewed");

      await wa.statuses.delete("desk", status.id);
      expect(network.statuses.get(status.id)?.deleted).toBe(true);
      expect(await wa.statuses.list("desk")).toEqual([]);
      expect((await wa.statuses.list("desk", { includeDeleted: true }))[0]?.deletedAt).toBeGreaterThan(0);
      const again = await wa.statuses.delete("desk", status.id).catch((e: unknown) => e);
      expect(isMultiWAError(again, "NOT_FOUND")).toBe(true);
    } finally {
      await wa.close();
    }
  });

  it("posts to every contact of the workspace when no list is given, skipping opted-out ones", async () => {
    const { wa, network } = await open();
    try {
      const none = await wa.statuses
        .post("desk", { content: { type: "text", text: "hello" } })
        .catch((e: unknown) => e);
      expect(isMultiWAError(none, "VALIDATION_FAILED")).toBe(true);
      await wa.contacts.upsert("default", { phone: ALICE, name: "Alice" });
      await wa.contacts.upsert("default", { phone: BOB, name: "Bob", optOut: true });
      const image = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
      const status = await wa.statuses.post("desk", {
        content: { type: "image", media: { base64: image.toString("base64") }, caption: "menu" },
      });
      expect(status.recipients).toEqual([`${ALICE}@s.whatsapp.net`]);
      expect(network.statuses.receivedBy(ALICE)[0]?.content).toEqual({
        type: "image",
        mimetype: "image/jpeg",
        size: image.byteLength,
        caption: "menu",
      });
    } finally {
      await wa.close();
    }
  });

  it("keeps a contact's status and its deletion, with no message.received, history or contact sighting", async () => {
    const { wa, network, seen } = await open();
    try {
      const id = network.phone(ALICE).postStatus("Gone fishing", [ME], { backgroundColor: "#000000" });
      await expect.poll(() => wa.statuses.list("desk", { from: "contacts" })).toHaveLength(1);
      expect((await wa.statuses.list("desk"))[0]).toMatchObject({
        id,
        fromMe: false,
        sender: `${ALICE}@s.whatsapp.net`,
        content: { type: "text", text: "Gone fishing", backgroundColor: "#000000" },
      });
      network.phone(ALICE).deleteStatus(id);
      await expect.poll(() => wa.statuses.list("desk")).toEqual([]);
      expect(seen).toEqual(expect.arrayContaining(["status.received", "status.deleted"]));
      expect(seen).not.toContain("message.received");
      expect(await wa.chats.list("desk")).toEqual([]);
    } finally {
      await wa.close();
    }
  });

  it("refuses bad input with the field, and an engine without status.post with CAPABILITY_UNSUPPORTED", async () => {
    const { wa } = await open({ capabilities: ["login.qr", "send.text"] });
    try {
      const bad = await wa.statuses
        .post("desk", { content: { type: "text", text: "x", backgroundColor: "blue" }, recipients: [ALICE] })
        .catch((e: unknown) => e);
      expect(isMultiWAError(bad, "VALIDATION_FAILED")).toBe(true);
      expect(JSON.stringify((bad as { details: unknown }).details)).toContain("content.backgroundColor");
      const group = await wa.statuses
        .post("desk", { content: { type: "text", text: "x" }, recipients: ["120363000000000001@g.us"] })
        .catch((e: unknown) => e);
      expect(isMultiWAError(group, "VALIDATION_FAILED")).toBe(true);
      const unsupported = await wa.statuses
        .post("desk", { content: { type: "text", text: "x" }, recipients: [ALICE] })
        .catch((e: unknown) => e);
      expect(isMultiWAError(unsupported, "CAPABILITY_UNSUPPORTED")).toBe(true);
    } finally {
      await wa.close();
    }
  });
});
