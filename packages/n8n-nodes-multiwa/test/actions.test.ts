import { createServer } from "node:http";
import { NodeApiError, type IDataObject, type INodeExecutionData } from "n8n-workflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MultiWa } from "../src/nodes/MultiWa/MultiWa.node";
import { executeContext } from "./helpers/context";
import { gatewayWithProfile, phoneInbox, type RunningServer } from "../../../server/test/helpers/mock-gateway.js";

const ME = "628111000111";
const PEER = "628222000222";
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d4c6e10000000049454e44ae426082",
  "hex",
);

let gateway: RunningServer;
let media: ReturnType<typeof createServer>;
let mediaUrl: string;
const node = new MultiWa();

beforeAll(async () => {
  gateway = await gatewayWithProfile("sales", ME);
  // The gateway downloads `{ url }` media itself; serve a real file for it.
  media = createServer((_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(PNG));
  await new Promise<void>((r) => media.listen(0, "127.0.0.1", r));
  mediaUrl = `http://127.0.0.1:${(media.address() as { port: number }).port}/pic.png`;
}, 120_000);
afterAll(async () => {
  media?.close();
  await gateway?.stop("SIGKILL");
});

async function run(params: IDataObject, items?: INodeExecutionData[]): Promise<IDataObject[]> {
  const ctx = executeContext(
    node.description.properties,
    params,
    { baseUrl: `${gateway.url}/`, apiKey: gateway.key },
    items,
  );
  const [out] = await node.execute.call(ctx as never);
  return out!.map((o) => o.json);
}

const send = (operation: string, fields: IDataObject, items?: INodeExecutionData[]) =>
  run({ resource: "message", operation, profileId: "sales", to: `+${PEER}`, ...fields }, items);

describe("MultiWA action node against a running gateway", () => {
  it("sends every message type, and the peer's phone receives each", async () => {
    const [text] = await send("text", { text: "hello from n8n", sendOptions: { idempotencyKey: "n8n-1" } });
    expect(text).toMatchObject({ profileId: "sales", type: "text", status: expect.any(String) });
    await send("media", { mediaType: "image", mediaSource: "url", mediaUrl, caption: "by url" });
    const binary = { data: { data: PNG.toString("base64"), mimeType: "application/pdf", fileName: "invoice.pdf" } };
    await send("media", { mediaType: "document", mediaSource: "binary", binaryProperty: "data" }, [
      { json: {}, binary },
    ]);
    await send("media", { mediaType: "audio", mediaSource: "url", mediaUrl, ptt: true });
    await send("location", { latitude: -6.2, longitude: 106.816666, placeName: "Monas" });
    await send("contact", { contactName: "Ani", contactPhone: "+62 812 0000 1111" });
    await send("poll", { pollName: "Lunch?", pollOptions: "Nasi goreng, Sate", selectableCount: 1 });
    await send("reaction", { targetId: text!.id as string, targetFromMe: true, emoji: "🔥" });
    await send("edit", { targetId: text!.id as string, text: "hello (edited)" });
    await send("delete", { targetId: text!.id as string });

    await expect
      .poll(async () => (await phoneInbox(gateway, PEER)).map((m) => m.content.type), { timeout: 40_000 })
      .toEqual(["text", "image", "document", "audio", "location", "contact", "poll", "reaction", "edit", "delete"]);
    const inbox = await phoneInbox(gateway, PEER);
    expect(inbox[0]!.content).toEqual({ type: "text", text: "hello from n8n" });
    expect(inbox[1]!.content).toMatchObject({ caption: "by url", mimetype: "image/png" });
    expect(inbox[2]!.content).toMatchObject({ mimetype: "application/pdf", fileName: "invoice.pdf" });
    expect(inbox[3]!.content).toMatchObject({ ptt: true });
    expect(inbox[4]!.content).toMatchObject({ latitude: -6.2, longitude: 106.816666, name: "Monas" });
    expect(inbox[6]!.content).toMatchObject({ name: "Lunch?", options: ["Nasi goreng", "Sate"] });
    expect(inbox[7]!.content).toMatchObject({ emoji: "🔥", target: { id: text!.id } });

    // The same idempotency key never sends twice.
    const [again] = await send("text", { text: "hello from n8n", sendOptions: { idempotencyKey: "n8n-1" } });
    expect(again!.id).toBe(text!.id);
  }, 120_000);

  // Regression: a failed call showed only "Request failed with status code 404"; the gateway's code,
  // message and field were lost.
  it("fails with the gateway's own error (NodeApiError: message, code, field), naming the item", async () => {
    const error = (await send("location", { latitude: 200, longitude: 0 }).then(
      () => undefined,
      (e: unknown) => e,
    )) as NodeApiError;
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toMatch(/latitude/i);
    expect(error.message).not.toMatch(/status code/);
    expect(error.httpCode).toBe("422");
    expect(error.description).toMatch(/422 VALIDATION_FAILED, field `content.latitude`/);
    expect(error.context).toMatchObject({
      itemIndex: 0,
      gateway: { status: 422, code: "VALIDATION_FAILED", field: "content.latitude" },
    });

    const missing = (await run({
      resource: "message",
      operation: "text",
      profileId: "nope",
      to: `+${PEER}`,
      text: "x",
    }).then(
      () => undefined,
      (e: unknown) => e,
    )) as NodeApiError;
    expect(missing).toBeInstanceOf(NodeApiError);
    expect(missing.message).toMatch(/nope/);
    expect(missing.context.gateway).toMatchObject({ status: 404, code: "PROFILE_NOT_FOUND" });
  });

  it("puts the gateway's code and field on the item when the node continues on fail", async () => {
    const ctx = executeContext(
      node.description.properties,
      { resource: "message", operation: "text", profileId: "nope", to: `+${PEER}`, text: "x" },
      { baseUrl: gateway.url, apiKey: gateway.key },
    );
    const [out] = await node.execute.call({ ...ctx, continueOnFail: () => true } as never);
    expect(out![0]!.json).toMatchObject({
      code: "PROFILE_NOT_FOUND",
      status: 404,
      error: expect.stringMatching(/nope/),
    });
  });

  it("manages contacts and tags", async () => {
    const [contact] = await run({
      resource: "contact",
      operation: "upsert",
      phone: "+62 811-7000-001",
      name: "Budi",
      tags: "vip, jakarta",
    });
    expect(contact).toMatchObject({ id: "628117000001", name: "Budi", tags: ["vip", "jakarta"] });
    await run({ resource: "contact", operation: "upsert", phone: "628117000002", tags: "jakarta" });
    expect(
      await run({
        resource: "contact",
        operation: "addTags",
        contactIds: "+62 811-7000-001, 628117000002",
        tags: "promo",
      }),
    ).toEqual([{ changed: 2 }]);
    expect(
      await run({ resource: "contact", operation: "removeTags", contactIds: "628117000001", tags: "vip" }),
    ).toEqual([{ changed: 1 }]);
    const [got] = await run({ resource: "contact", operation: "get", contactId: "628117000001" });
    expect(got!.tags).toEqual(["jakarta", "promo"]);
    expect(await run({ resource: "contact", operation: "delete", contactId: "628117000002" })).toEqual([
      { deleted: true },
    ]);
    await expect(run({ resource: "contact", operation: "get", contactId: "628117000002" })).rejects.toMatchObject({
      httpCode: "404",
      message: expect.stringContaining('Contact "628117000002" does not exist'),
    });
  });

  it("starts a broadcast to a tag and reads its progress until every recipient got it", async () => {
    for (const phone of ["62813800001", "62813800002"])
      await run({ resource: "contact", operation: "upsert", phone, name: `C${phone.slice(-1)}`, tags: "n8n-blast" });
    const [campaign] = await run({
      resource: "broadcast",
      operation: "start",
      name: "n8n blast",
      profileIds: "sales",
      tags: "n8n-blast",
      text: "Hi {{name}}!",
      perMinute: 0,
      jitterMs: 0,
    });
    expect(campaign).toMatchObject({ name: "n8n blast", profileIds: ["sales"], progress: { total: 2 } });
    const progress = async () =>
      (await run({ resource: "broadcast", operation: "get", campaignId: campaign!.id as string }))[0]!
        .progress as Record<string, number>;
    // Each recipient sits in one bucket: sent, then delivered once the phone acknowledges.
    await expect
      .poll(
        async () => {
          const p = await progress();
          return p.sent! + p.delivered! + p.read!;
        },
        { timeout: 30_000 },
      )
      .toBe(2);
    await expect
      .poll(async () => (await phoneInbox(gateway, "62813800002")).map((m) => m.content.text))
      .toEqual(["Hi C2!"]);
    await expect(
      run({ resource: "broadcast", operation: "start", name: "x", profileIds: "sales", text: "no audience" }),
    ).rejects.toThrow(/audience/);
  }, 120_000);
});
