import { getBinaryNodeChild, jidDecode, type BinaryNode } from "@whiskeysockets/baileys";
import { children, iqResult, node } from "../wire/nodes.js";
import type { SimPhone } from "../scenario/phone.js";
import { statusNode } from "./directory.js";
import type { WhatsAppSimulator } from "./simulator.js";

/**
 * Answers `<iq xmlns=usync>`. Baileys v7 asks for `<devices/>` and `<lid/>`; it keys its
 * Signal sessions by LID once it learns the mapping, so every PN user gets `<lid val>`.
 */
export const usyncResult = (sim: WhatsAppSimulator, iq: BinaryNode, viewer?: SimPhone): BinaryNode => {
  const usync = getBinaryNodeChild(iq, "usync");
  const protocols = new Set(children(getBinaryNodeChild(usync, "query")).map((p) => p.tag));
  const users = children(getBinaryNodeChild(usync, "list")).map((user) => {
    const contact = getBinaryNodeChild(user, "contact")?.content;
    const phoneNumber = contact
      ? Buffer.from(contact as Uint8Array)
          .toString()
          .replace(/\D/g, "")
      : undefined;
    const jid = user.attrs.jid ?? `${phoneNumber}@s.whatsapp.net`;
    // Existence checks (onWhatsApp) must be able to say "no"; message fan-out auto-creates.
    const phone = protocols.has("contact") ? sim.phone(jid) : sim.resolvePhone(jid);
    const content: BinaryNode[] = [];
    if (protocols.has("contact")) content.push(node("contact", { type: phone ? "in" : "out" }));
    if (phone && protocols.has("devices")) {
      const list = [node("device", { id: "0" })];
      for (const c of phone.companions.values())
        if (!c.removed) list.push(node("device", { id: String(c.device), "key-index": String(c.keyIndex) }));
      content.push(node("devices", {}, [node("device-list", {}, list)]));
    }
    if (phone && protocols.has("lid") && jidDecode(jid)?.server !== "lid")
      content.push(node("lid", { val: phone.lidJid }));
    if (phone && protocols.has("status")) content.push(statusNode(phone, viewer));
    return node("user", { jid }, content);
  });
  return iqResult(iq, [
    node(
      "usync",
      { sid: usync?.attrs.sid, mode: usync?.attrs.mode, last: "true", index: "0", context: usync?.attrs.context },
      [node("result", {}, []), node("list", {}, users)],
    ),
  ]);
};
