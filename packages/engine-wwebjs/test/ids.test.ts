import { describe, expect, it } from "vitest";
import { createStorageFromUrl } from "@multiwa/core";

// The core's own memory storage: the same unstorage types the engine is handed.
const createStorage = () => createStorageFromUrl("memory:");
import { fromWid, IdBook, serializeKey, toWid } from "../src/ids.js";

describe("ids", () => {
  it("maps c.us ids to s.whatsapp.net JIDs and back; groups and LIDs pass through", () => {
    expect(toWid("628123@s.whatsapp.net")).toBe("628123@c.us");
    expect(toWid("628123:12@s.whatsapp.net")).toBe("628123@c.us");
    expect(toWid("120363000@g.us")).toBe("120363000@g.us");
    expect(fromWid("628123@c.us")).toBe("628123@s.whatsapp.net");
    expect(fromWid({ _serialized: "1234@lid" })).toBe("1234@lid");
  });

  it("serializes message keys the way whatsapp-web.js does", () => {
    expect(serializeKey(true, "628123@c.us", "ABC")).toBe("true_628123@c.us_ABC");
    expect(serializeKey(false, "1203@g.us", "ABC", "628123@c.us")).toBe("false_1203@g.us_ABC_628123@c.us");
  });

  it("keeps the core's id as an alias that survives a restart", async () => {
    const storage = await createStorage();
    const key = { fromMe: true, remote: "628123@c.us", id: "3EB0REAL", _serialized: "true_628123@c.us_3EB0REAL" };
    await new IdBook(storage).alias("3EB0CORE", key);
    const afterRestart = new IdBook(storage);
    expect(await afterRestart.lookup("3EB0CORE")).toBe(key._serialized);
    expect(await afterRestart.idsOf("3EB0REAL")).toEqual(["3EB0REAL", "3EB0CORE"]);
    expect(await afterRestart.idsOf("OTHER")).toEqual(["OTHER"]);
  });

  it("forgets the oldest keys beyond its limit", async () => {
    const book = new IdBook(await createStorage(), 2);
    for (const id of ["A", "B", "C"])
      book.remember({ fromMe: false, remote: "1@c.us", id, _serialized: `false_1@c.us_${id}` });
    expect(await book.lookup("A")).toBeUndefined();
    expect(await book.lookup("C")).toBe("false_1@c.us_C");
  });
});
