import { describe, expect, it } from "vitest";
import { isMultiWAError } from "../src/errors.js";
import { isGroupJid, jidToPhone, normalizeUserJid, toJid } from "../src/jid.js";

describe("toJid", () => {
  it.each([
    ["628123456789", "628123456789@s.whatsapp.net"],
    ["+62 812-3456-789", "628123456789@s.whatsapp.net"],
    ["(62) 812 3456 789", "628123456789@s.whatsapp.net"],
    ["628123456789@c.us", "628123456789@s.whatsapp.net"],
    ["628123456789@s.whatsapp.net", "628123456789@s.whatsapp.net"],
    ["628123456789:12@s.whatsapp.net", "628123456789:12@s.whatsapp.net"],
    ["120363025246125888@g.us", "120363025246125888@g.us"],
    ["6281234567-1612345678", "6281234567-1612345678@g.us"],
    ["123456789012345@lid", "123456789012345@lid"],
    ["status@broadcast", "status@broadcast"],
  ])("%s → %s", (input, jid) => {
    expect(toJid(input)).toBe(jid);
  });

  it.each([
    ["", "is empty"],
    ["hello", "digits only"],
    ["12345", "6 to 15 digits"],
    ["1234567890123456", "6 to 15 digits"],
    ["62812@example.com", "unknown server"],
    ["abc@g.us", "not a group id"],
  ])("rejects %j with a message naming the field", (input, why) => {
    try {
      toJid(input, "to");
      expect.unreachable();
    } catch (error) {
      expect(isMultiWAError(error, "INVALID_JID")).toBe(true);
      expect((error as Error).message).toContain("`to`");
      expect((error as Error).message).toContain(why);
    }
  });

  it("helpers split phones, devices and groups", () => {
    expect(jidToPhone("628123456789:3@s.whatsapp.net")).toBe("628123456789");
    expect(jidToPhone("123@lid")).toBeUndefined();
    expect(normalizeUserJid("628123456789:3@s.whatsapp.net")).toBe("628123456789@s.whatsapp.net");
    expect(isGroupJid("1-2@g.us")).toBe(true);
  });
});
