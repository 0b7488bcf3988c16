import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { GraphApiSimulator, signPayload } from "../src/index.js";

let sim: GraphApiSimulator | undefined;
afterEach(async () => sim?.close());

async function started(options: ConstructorParameters<typeof GraphApiSimulator>[0] = {}) {
  const graph = (sim = new GraphApiSimulator(options));
  const url = await graph.start();
  const call = (method: string, path: string, body?: unknown, token = graph.accessToken) =>
    fetch(`${url}/v25.0/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
  return { sim: graph, url, call };
}

describe("Graph API simulator", () => {
  it("answers the phone number and refuses bad tokens with Meta's error body", async () => {
    const { call } = await started();
    expect(
      (await call("GET", "200000000000001?fields=display_phone_number,verified_name,quality_rating")).body,
    ).toMatchObject({ display_phone_number: "+15550000001", verified_name: "MultiWA Sim", quality_rating: "GREEN" });
    const denied = await call("GET", "200000000000001", undefined, "wrong");
    expect(denied.status).toBe(401);
    expect(denied.body.error).toMatchObject({ code: 190, type: "OAuthException", fbtrace_id: expect.any(String) });
    expect((await call("GET", "999")).body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it("validates message bodies as the Cloud API does", async () => {
    const { call } = await started();
    const send = (body: Record<string, unknown>) =>
      call("POST", "200000000000001/messages", { messaging_product: "whatsapp", to: "15550001234", ...body });
    expect(
      (await call("POST", "200000000000001/messages", { to: "1555", type: "text", text: { body: "x" } })).body.error
        .code,
    ).toBe(100);
    expect((await send({ type: "text", text: {} })).body.error.code).toBe(131008);
    expect((await send({ type: "hologram", hologram: {} })).body.error.code).toBe(131051);
    expect((await send({ type: "image", image: { id: "404" } })).body.error.code).toBe(131052);
    expect(
      (
        await send({
          type: "interactive",
          interactive: { type: "button", body: { text: "x" }, action: { buttons: [] } },
        })
      ).status,
    ).toBe(400);
    expect(
      (await send({ type: "template", template: { name: "missing", language: { code: "en_US" } } })).body.error.code,
    ).toBe(132001);
    const ok = await send({ type: "text", text: { body: "hello" } });
    expect(ok.body).toMatchObject({
      messaging_product: "whatsapp",
      contacts: [{ wa_id: "15550001234" }],
      messages: [{ id: expect.stringMatching(/^wamid\./) }],
    });
  });

  it("manages templates: create pending, review by command, count parameters, delete", async () => {
    const { sim, call } = await started();
    const create = {
      name: "order_update",
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Order {{1}} ships {{2}}" }],
    };
    expect((await call("POST", "100000000000001/message_templates", create)).body).toMatchObject({
      status: "PENDING",
      category: "UTILITY",
    });
    expect((await call("POST", "100000000000001/message_templates", create)).body.error).toMatchObject({
      error_subcode: 2388024,
    });
    expect((await call("POST", "100000000000001/message_templates", { ...create, name: "Bad Name" })).status).toBe(400);
    const template = (parameters: string[]) =>
      call("POST", "200000000000001/messages", {
        messaging_product: "whatsapp",
        to: "15550001234",
        type: "template",
        template: {
          name: "order_update",
          language: { code: "en_US" },
          components: [{ type: "body", parameters: parameters.map((text) => ({ type: "text", text })) }],
        },
      });
    expect((await template(["A"])).body.error.code).toBe(132001); // still pending
    await sim.reviewTemplate("order_update", "en_US", "APPROVED");
    expect((await template(["A"])).body.error.code).toBe(132000);
    expect((await template(["A", "today"])).body.messages[0].message_status).toBe("accepted");
    expect((await call("GET", "100000000000001/message_templates?name=order_update")).body.data[0].status).toBe(
      "APPROVED",
    );
    expect((await call("DELETE", "100000000000001/message_templates?name=order_update")).body).toEqual({
      success: true,
    });
    expect((await call("GET", "100000000000001/message_templates")).body.data).toEqual([]);
  });

  it("signs webhooks and retries until the receiver answers 200", async () => {
    const got: { signature: string; body: string; status: number }[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const status = got.length < 2 ? 500 : 200;
        got.push({ signature: String(req.headers["x-hub-signature-256"]), body, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    try {
      const { sim } = await started({
        webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
        retryDelaysMs: [20, 20, 20],
      });
      const id = await sim.customer("15550001234", { name: "Ada" }).sendText("hi");
      await sim.webhooks.idle();
      expect(got.map((g) => g.status)).toEqual([500, 500, 200]);
      for (const g of got) expect(g.signature).toBe(signPayload(sim.appSecret, g.body));
      const value = JSON.parse(got[2]!.body).entry[0].changes[0].value;
      expect(value).toMatchObject({
        metadata: { phone_number_id: "200000000000001" },
        contacts: [{ wa_id: "15550001234", user_id: expect.stringMatching(/^US\./), profile: { name: "Ada" } }],
        messages: [{ id, from: "15550001234", type: "text", text: { body: "hi" } }],
      });
    } finally {
      receiver.close();
    }
  });

  it("hosts uploaded media behind the token", async () => {
    const { url, call } = await started();
    const form = new FormData();
    form.set("messaging_product", "whatsapp");
    form.set("type", "image/png");
    form.set("file", new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" }), "a.png");
    const upload = (await fetch(`${url}/v25.0/200000000000001/media`, {
      method: "POST",
      headers: { authorization: "Bearer sim-access-token" },
      body: form,
    }).then((r) => r.json())) as { id: string };
    const info = (await call("GET", upload.id)).body;
    expect(info).toMatchObject({ mime_type: "image/png", file_size: 3, id: upload.id });
    expect((await fetch(info.url)).status).toBe(400);
    const bytes = await fetch(info.url, { headers: { authorization: "Bearer sim-access-token" } }).then((r) =>
      r.arrayBuffer(),
    );
    expect(Array.from(new Uint8Array(bytes))).toEqual([1, 2, 3]);
  });
});
