import { describe, expect, it } from "vitest";
import { isMultiWAError, tagOfLabel } from "../../src/index.js";
import { mockLabels } from "../../src/engines/mock.js";
import { linkedMockProfile } from "../helpers/mock.js";

const ME = "6281100000611";
const CUSTOMER = "6282200000622@s.whatsapp.net";

// Issue #21: WhatsApp Business labels through wa.labels on the mock engine — both ways over the account's
// app state — and the optional mapping of labels to the workspace's contact tags.
describe("wa.labels", () => {
  const open = async (engine?: Parameters<typeof linkedMockProfile>[2]) => {
    const { wa, network } = await linkedMockProfile("shop", ME, engine);
    return { wa, phone: mockLabels(network, ME) };
  };

  it("creates labels with fresh ids past the phone's own, and lists them by name with their chat counts", async () => {
    const { wa, phone } = await open();
    try {
      phone.save({ id: "5", name: "Paid", color: 1 });
      await expect.poll(async () => (await wa.labels.list("shop")).length).toBe(1);
      const lead = await wa.labels.create("shop", { name: "Lead" });
      expect(lead.id).toBe("6");
      await wa.labels.labelChat("shop", lead.id, { chatId: "+62 822-0000-0622" }, true);
      expect(await wa.labels.list("shop")).toEqual([
        expect.objectContaining({ id: "6", name: "Lead", chats: 1 }),
        expect.objectContaining({ id: "5", name: "Paid", color: 1, chats: 0 }),
      ]);
      expect(phone.chatLabels(CUSTOMER)).toEqual(["6"]);
      // A deleted id is never reused: the phone may still hold it.
      await wa.labels.delete("shop", lead.id);
      expect((await wa.labels.create("shop", { name: "Lead again" })).id).toBe("7");
      expect(await wa.labels.ofChat("shop", CUSTOMER)).toEqual([]);
    } finally {
      await wa.close();
    }
  });

  it("with syncTags, a labelled chat tags its contact; a rename renames the tag, removal and delete drop it", async () => {
    const { wa, phone } = await open();
    try {
      await wa.labels.putSettings("shop", { syncTags: true });
      const vip = await wa.labels.create("shop", { name: "New customer" });
      await wa.labels.labelChat("shop", vip.id, { chatId: CUSTOMER }, true);
      const tags = async () => (await wa.contacts.find("default", CUSTOMER))?.tags;
      expect(await tags()).toEqual(["New-customer"]);

      await wa.labels.update("shop", vip.id, { name: "Regular" });
      expect(await tags()).toEqual(["Regular"]);

      // The phone takes it off: the event does what our own call does.
      phone.associate({ labelId: vip.id, chatId: CUSTOMER, labeled: false });
      await expect.poll(tags).toEqual([]);
      phone.associate({ labelId: vip.id, chatId: CUSTOMER, labeled: true });
      await expect.poll(tags).toEqual(["Regular"]);

      await wa.labels.delete("shop", vip.id);
      expect(await tags()).toEqual([]);
    } finally {
      await wa.close();
    }
  });

  it("without syncTags no contact is touched", async () => {
    const { wa } = await open();
    try {
      expect(await wa.labels.settings("shop")).toEqual({ syncTags: false });
      const label = await wa.labels.create("shop", { name: "Quiet" });
      await wa.labels.labelChat("shop", label.id, { chatId: CUSTOMER }, true);
      expect(await wa.contacts.find("default", CUSTOMER)).toBeUndefined();
    } finally {
      await wa.close();
    }
  });

  it("maps label names to valid tags", () => {
    expect(tagOfLabel({ id: "1", name: "  Follow up  later " })).toBe("Follow-up-later");
    expect(tagOfLabel({ id: "2", name: "Pagado ✅" })).toBe("Pagado-");
    expect(tagOfLabel({ id: "3", name: "★★★" })).toBe("label-3");
  });

  it("refuses bad input naming the field, an unknown label, and engines without labels", async () => {
    const { wa } = await open();
    try {
      const refused = async (p: Promise<unknown>, code: string, field: string) => {
        const error = await p.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isMultiWAError(error, code as never), String(error)).toBe(true);
        expect(JSON.stringify((error as { details?: unknown }).details)).toContain(field);
      };
      await refused(wa.labels.create("shop", { name: " " }), "VALIDATION_FAILED", "name");
      await refused(wa.labels.create("shop", { name: "x", color: 20 }), "VALIDATION_FAILED", "color");
      await refused(wa.labels.update("shop", "404", { name: "y" }), "NOT_FOUND", "labelId");
      const label = await wa.labels.create("shop", { name: "Ok" });
      await refused(wa.labels.labelChat("shop", label.id, { chatId: "not a chat" }, true), "INVALID_JID", "chatId");
      await refused(
        wa.labels.labelMessage("shop", label.id, { messageId: "nope" }, true),
        "MESSAGE_NOT_FOUND",
        "messageId",
      );
    } finally {
      await wa.close();
    }
    const plain = await open({ capabilities: ["login.qr", "send.text"] });
    try {
      const error = await plain.wa.labels.create("shop", { name: "Lead" }).catch((e: unknown) => e);
      expect(isMultiWAError(error, "CAPABILITY_UNSUPPORTED")).toBe(true);
      expect(await plain.wa.labels.list("shop")).toEqual([]);
    } finally {
      await plain.wa.close();
    }
  });
});
