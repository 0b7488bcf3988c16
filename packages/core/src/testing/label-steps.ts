import { expect } from "vitest";
import type { SuiteContext } from "./directory-steps.js";
import { nextEvent } from "./wait.js";

/** #21: WhatsApp Business labels through `wa.labels`, both ways over the account's app state. */
export function labelSteps({ wa, h, peer, profile, has, step }: SuiteContext, me: () => string, timeout: number): void {
  const phone = () => h().phoneLabels;
  const named = (name: string) => async () => (await wa().labels.list(profile)).find((l) => l.name === name);

  step(
    "labels.manage: a label made through MultiWA reaches the phone, goes on the peer's chat, is renamed and deleted",
    async () => {
      const label = await wa().labels.create(profile, { name: "Conformance lead", color: 3 });
      expect(label).toMatchObject({ name: "Conformance lead", color: 3, chats: 0 });
      expect(await named("Conformance lead")()).toMatchObject({ id: label.id });
      const onPhone = async () => (await phone()?.labels())?.find((l) => l.id === label.id);
      if (phone()) await expect.poll(onPhone, { timeout }).toMatchObject({ name: "Conformance lead", deleted: false });

      await wa().labels.labelChat(profile, label.id, { chatId: peer().jid }, true);
      expect(await wa().labels.ofChat(profile, peer().jid)).toContain(label.id);
      expect((await wa().labels.get(profile, label.id)).chats).toBe(1);
      if (phone()) await expect.poll(() => phone()!.chatLabels(peer().jid), { timeout }).toContain(label.id);

      expect(await wa().labels.update(profile, label.id, { name: "Conformance client" })).toMatchObject({
        name: "Conformance client",
        color: 3,
      });
      if (phone()) await expect.poll(onPhone, { timeout }).toMatchObject({ name: "Conformance client" });

      await wa().labels.labelChat(profile, label.id, { chatId: peer().jid }, false);
      expect(await wa().labels.ofChat(profile, peer().jid)).not.toContain(label.id);
      if (phone()) await expect.poll(() => phone()!.chatLabels(peer().jid), { timeout }).not.toContain(label.id);

      await wa().labels.delete(profile, label.id);
      expect(await named("Conformance client")()).toBeUndefined();
      if (phone()) await expect.poll(onPhone, { timeout }).toMatchObject({ deleted: true });
    },
    () => has("labels.manage"),
  );

  step(
    "labels.manage: a message of the history takes a label and loses it",
    async () => {
      const label = await wa().labels.create(profile, { name: "Conformance order" });
      const received = nextEvent(wa(), "message.received", (m) => m.fromMe === false, timeout);
      const id = await peer().sendText(me(), "label this order");
      const message = await received;
      expect(message.id).toBe(id);
      await expect
        .poll(
          async () => (await wa().chats.messages(profile, message.chatId, { limit: 5 })).messages.map((m) => m.id),
          {
            timeout,
          },
        )
        .toContain(id);
      await wa().labels.labelMessage(profile, label.id, { messageId: id }, true);
      expect(await wa().labels.associations(profile, label.id)).toEqual([
        expect.objectContaining({ chatId: message.chatId, messageId: id }),
      ]);
      await wa().labels.labelMessage(profile, label.id, { messageId: id }, false);
      expect(await wa().labels.associations(profile, label.id)).toEqual([]);
      await wa().labels.delete(profile, label.id);
    },
    () => has("labels.manage"),
  );

  step(
    "labels made and put on a chat on the phone arrive as label.update and label.association",
    async () => {
      const p = phone()!;
      const created = nextEvent(wa(), "label.update", (e) => e.id === "77" && e.name === "Phone VIP", timeout);
      await p.save!({ id: "77", name: "Phone VIP", color: 5 });
      expect(await created).toMatchObject({ profileId: profile, id: "77", color: 5, deleted: false });
      await expect.poll(named("Phone VIP"), { timeout }).toMatchObject({ id: "77", color: 5 });

      const labelled = nextEvent(wa(), "label.association", (e) => e.labelId === "77" && e.labeled, timeout);
      await p.labelChat!(peer().jid, "77", true);
      expect(await labelled).toMatchObject({ chatId: peer().jid, labeled: true });
      await expect.poll(() => wa().labels.ofChat(profile, peer().jid), { timeout }).toContain("77");

      const deleted = nextEvent(wa(), "label.update", (e) => e.id === "77" && e.deleted, timeout);
      await p.save!({ id: "77", name: "Phone VIP", color: 5, deleted: true });
      await deleted;
      await expect.poll(named("Phone VIP"), { timeout }).toBeUndefined();
      expect(await wa().labels.ofChat(profile, peer().jid)).not.toContain("77");
    },
    () => has("labels.manage") && Boolean(phone()?.save && phone()?.labelChat),
  );
}
