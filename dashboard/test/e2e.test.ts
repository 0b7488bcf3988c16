import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchBrowser, screenshot } from "./helpers/browser.js";
import { ensureBuilt, startGateway, type Gateway } from "./helpers/gateway.js";
import { baileysNetwork, mockNetwork, type PhoneNetwork } from "./helpers/network.js";
import { until } from "./helpers/until.js";

// The dashboard in a real Chromium against the real gateway. Each network is one full run: the mock
// engine's demo phones, then the real Baileys client paired with the loopback WhatsApp simulator.
const NETWORKS: PhoneNetwork[] = [mockNetwork, baileysNetwork()];

const ACCOUNT = "491510000001";
const PEER = "491700000002";
const NEWCOMER = "491700000003";
const WAIT = { timeout: 15_000 };

describe.runIf(existsSync(CHROMIUM)).each(NETWORKS)("dashboard on the $engine engine", (network) => {
  let gateway: Gateway;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let profileId: string;
  const pageErrors: string[] = [];
  const consoleLog: string[] = [];
  // A webhook receiver on loopback (allowed by MULTIWA_WEBHOOK_ALLOW_PRIVATE).
  const hooks: { event: string; delivery: string }[] = [];
  let receiver: Server;
  let hookUrl: string;

  beforeAll(async () => {
    const took = await ensureBuilt();
    if (took.dashboard || took.gateway) console.info(`[dashboard e2e] built: ${JSON.stringify(took)} (seconds)`);
    receiver = createServer((req, res) => {
      hooks.push({
        event: String(req.headers["x-multiwa-event"]),
        delivery: String(req.headers["x-multiwa-delivery"]),
      });
      req.resume().on("end", () => res.writeHead(200).end("ok"));
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/multiwa`;
    gateway = await startGateway({ ...(await network.start()), MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" });
    browser = await launchBrowser();
    page = browser.page;
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => consoleLog.push(`${m.type()}: ${m.text()}`));
    page.on("framenavigated", (f) => f === page.mainFrame() && consoleLog.push(`navigated: ${f.url()}`));
  }, 420_000);

  afterEach(async ({ task }) => {
    if (task.result?.state !== "fail" || !page) return;
    await screenshot(page, `failed-${network.engine}-${task.name.replace(/\W+/g, "-").slice(0, 60)}`).catch(
      () => undefined,
    );
    console.info(`[dashboard e2e] page log before the failure:\n${consoleLog.slice(-40).join("\n")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await network.stop();
    receiver?.close();
  });

  it("signs in with an API key and refuses a wrong one", async () => {
    await page.goto(`${gateway.url}/profiles`);
    await page.waitForURL(/\/login\?next=/, WAIT);
    await page.fill("input[name=apiKey]", "mwa_not-a-key");
    await page.click("button[type=submit]");
    await page.getByRole("alert").filter({ hasText: "unknown, revoked or expired" }).waitFor(WAIT);
    await page.fill("input[name=apiKey]", gateway.key);
    await screenshot(page, `${network.engine}-login`);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/profiles$/, WAIT);
    await page.getByText("No profiles yet").waitFor(WAIT);
  }, 30_000);

  it("creates a profile with an engine and logs it in by scanning the live QR", async () => {
    await page.click("[data-test=new-profile]");
    await page.fill("input[name=name]", "Support line");
    await page.locator(`label.engine:has(input[value="${network.engine}"])`).click();
    await page.click("button[form=profile-create]");
    const qr = page.locator("img[data-test=qr]");
    await qr.waitFor(WAIT);
    expect(await qr.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
    profileId = new URL(page.url()).searchParams.get("login")!;
    expect(profileId).toBeTruthy();
    await screenshot(page, `${network.engine}-profile-qr`);

    // The simulated phone scans exactly the code the page shows.
    await network.scan(gateway, (await qr.getAttribute("data-qr"))!, ACCOUNT);
    await page.locator("[data-test=login-done]").waitFor(WAIT);
    await page.getByRole("button", { name: "Close" }).click();
    const card = page.locator(`[data-profile="${profileId}"]`);
    await card.locator("[data-status=open]").waitFor(WAIT);
    await card.getByText(`+${ACCOUNT}`).waitFor(WAIT);
    await screenshot(page, `${network.engine}-profiles`);
  }, 45_000);

  it("shows a chat arriving live with its unread count, opens it and replies", async () => {
    await page.goto(`${gateway.url}/chats?profile=${profileId}`);
    await page.getByText("Pick a conversation").waitFor(WAIT);
    await network.send(gateway, PEER, ACCOUNT, "Hi! Is my order on its way?");
    await network.send(gateway, PEER, ACCOUNT, "Order #1042");
    const chat = page.locator(`[data-chat="${PEER}@s.whatsapp.net"]`);
    await chat.locator("[data-test=unread]", { hasText: "2" }).waitFor(WAIT);
    await screenshot(page, `${network.engine}-chats-unread`);

    await chat.click();
    await page.locator("[data-test=messages]").getByText("Order #1042").waitFor(WAIT);
    await chat.locator("[data-test=unread]").waitFor({ state: "detached", ...WAIT });
    await until(
      async () =>
        (await gateway.api<{ id: string; unread: number }[]>(`/api/profiles/${profileId}/chats`)).find(
          (c) => c.unread === 0,
        ),
      "the unread count to clear on the gateway",
    );

    if (network.typing) {
      // The phone starts typing: the conversation says so.
      await network.typing(gateway, PEER, ACCOUNT);
      await page.locator("[data-test=chat-subtitle]", { hasText: "typing…" }).waitFor(WAIT);
      await page.locator("[data-test=typing]").waitFor(WAIT);
    }
    await page.fill("[data-test=composer]", "Yes, it ships today 📦");
    await page.keyboard.press("Enter");
    await page
      .locator("[data-from-me=true]", { hasText: "Yes, it ships today" })
      .locator("[data-status=sent], [data-status=delivered], [data-status=read]")
      .waitFor(WAIT);
    await until(
      async () => (await network.inbox(gateway, PEER)).find((m) => m.content?.text === "Yes, it ships today 📦"),
      "the phone to receive the reply",
    );
    await screenshot(page, `${network.engine}-chat-conversation`);
  }, 45_000);

  it("renders every message type, with replies, reactions, edits and deletes, live and from history", async () => {
    const chatId = `${PEER}@s.whatsapp.net`;
    // Profiles space their sends out like a person (1-2 s apart); this burst needs no pacing.
    await gateway.api(`/api/profiles/${profileId}`, {
      method: "PATCH",
      json: { pacing: { minDelayMs: 0, jitterMs: 0 } },
    });
    const history = await gateway.api<{ messages: { id: string; content: { text?: string } }[] }>(
      `/api/profiles/${profileId}/chats/${encodeURIComponent(chatId)}/messages`,
    );
    const order = history.messages.find((m) => m.content.text === "Order #1042")!;
    const send = (content: object, options?: object) =>
      gateway.api<{ id: string }>(`/api/profiles/${profileId}/messages`, {
        json: { to: PEER, content, ...(options ? { options } : {}) },
      });
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    await send({ type: "image", media: { base64: png }, mimetype: "image/png", caption: "The parcel" });
    await send({
      type: "document",
      media: { base64: Buffer.from("%PDF-1.4 demo").toString("base64") },
      mimetype: "application/pdf",
      fileName: "invoice-1042.pdf",
    });
    await send({
      type: "location",
      latitude: 52.52,
      longitude: 13.405,
      name: "Warehouse Berlin",
      address: "Alexanderplatz 1",
    });
    await send({ type: "contact", contacts: [{ name: "Ana from Support", phone: "+491700000009" }] });
    const poll = await send({
      type: "poll",
      name: "Delivery slot?",
      options: ["Morning", "Afternoon"],
      selectableCount: 1,
    });
    // Issue #21: an event shows its name, start and place.
    await send({
      type: "event",
      name: "Warehouse opening",
      startTime: Date.UTC(2027, 0, 15, 9),
      location: { name: "Lager Berlin" },
    });
    await send({ type: "text", text: "About that order:" }, { quotedId: order.id });
    await send({ type: "reaction", target: { id: order.id, fromMe: false }, emoji: "👍" });
    const typo = await send({ type: "text", text: "Tracking: ABC-123-typo" });
    const gone = await send({ type: "text", text: "This one is a mistake" });
    await until(
      async () => (await network.inbox(gateway, PEER)).some((m) => m.id === gone.id),
      "the phone to receive the messages",
    );
    await send({ type: "edit", target: { id: typo.id }, text: "Tracking: ABC-123" });
    await send({ type: "delete", target: { id: gone.id } });

    const messages = page.locator("[data-test=messages]");
    const check = async () => {
      await messages.locator("[data-type=image]", { hasText: "The parcel" }).waitFor(WAIT);
      await messages.locator("[data-type=document]", { hasText: "invoice-1042.pdf" }).waitFor(WAIT);
      await messages.locator("[data-type=location]", { hasText: "Warehouse Berlin" }).waitFor(WAIT);
      await messages.locator("[data-type=contact]", { hasText: "Ana from Support" }).waitFor(WAIT);
      await messages.locator("[data-type=poll]", { hasText: "Delivery slot?" }).getByText("Afternoon").waitFor(WAIT);
      await messages
        .locator("[data-type=event]", { hasText: "Warehouse opening" })
        .getByText("Lager Berlin")
        .waitFor(WAIT);
      await messages
        .locator(`[data-message]`, { hasText: "About that order:" })
        .locator(".quote", { hasText: "Order #1042" })
        .waitFor(WAIT);
      await messages.locator(`[data-message="${order.id}"] .reactions`, { hasText: "👍" }).waitFor(WAIT);
      await messages
        .locator(`[data-message="${typo.id}"]`, { hasText: "edited" })
        .getByText("Tracking: ABC-123", { exact: true })
        .waitFor(WAIT);
      await messages.locator(`[data-message="${gone.id}"]`, { hasText: "This message was deleted" }).waitFor(WAIT);
    };
    await check();
    if (network.vote) {
      // The phone's vote arrives live and is counted on its option.
      await network.vote(gateway, PEER, poll.id, ["Afternoon"]);
      const option = messages.locator("[data-type=poll] .option", { hasText: "Afternoon" });
      await option.locator("strong", { hasText: "1" }).waitFor(WAIT);
      await messages.locator("[data-type=poll]", { hasText: "1 vote" }).waitFor(WAIT);
    }
    await page.reload();
    await check();
    // Votes are kept in the history, so the count survives the reload.
    if (network.vote) await messages.locator("[data-type=poll]", { hasText: "1 vote" }).waitFor(WAIT);
    // Pictures are fetched from the gateway and shown (the gateway's own too), documents download with
    // their content: the phone's own on Baileys, those sent above on the mock engine.
    const loaded = (img: Locator) =>
      img.evaluate(
        (el) =>
          (el as unknown as { complete: boolean; naturalWidth: number }).complete &&
          (el as unknown as { naturalWidth: number }).naturalWidth === 1,
      );
    const ownPicture = messages
      .locator("[data-type=image]", { hasText: "The parcel" })
      .locator("img[data-test=media-image]");
    await until(() => loaded(ownPicture), "the gateway's own photo to load");
    const pdf = Buffer.from("%PDF-1.4 demo");
    if (network.sendFile) {
      await network.sendFile(gateway, PEER, ACCOUNT, {
        kind: "image",
        data: Buffer.from(png, "base64"),
        mimetype: "image/png",
        caption: "Photo from the phone",
      });
      await network.sendFile(gateway, PEER, ACCOUNT, {
        kind: "document",
        data: pdf,
        mimetype: "application/pdf",
        fileName: "receipt.pdf",
      });
    }
    const picture = messages
      .locator("[data-type=image]", { hasText: network.sendFile ? "Photo from the phone" : "The parcel" })
      .locator("img[data-test=media-image]");
    await until(() => loaded(picture), "the photo to load");
    const fileName = network.sendFile ? "receipt.pdf" : "invoice-1042.pdf";
    const download = page.waitForEvent("download");
    await messages.locator("[data-type=document]", { hasText: fileName }).locator("[data-test=media-download]").click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(fileName);
    expect(readFileSync((await file.path())!, "utf8")).toBe(pdf.toString());
    await screenshot(page, `${network.engine}-chat-message-types`);

    // An attachment from the composer goes out as a multipart upload.
    await page.setInputFiles("[data-test=file-input]", {
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("packing list"),
    });
    await page.locator("[data-test=attachment]", { hasText: "notes.txt" }).waitFor(WAIT);
    await page.fill("[data-test=composer]", "Packing list attached");
    await page.keyboard.press("Enter");
    const received = await until(
      async () =>
        (await network.inbox(gateway, PEER)).find(
          (m) => m.content?.type === "document" && (m.content as { fileName?: string }).fileName === "notes.txt",
        ),
      "the phone to receive the attachment",
    );
    expect(received.content).toMatchObject({ caption: "Packing list attached", mimetype: "text/plain" });
    await messages.locator("[data-type=document]", { hasText: "notes.txt" }).waitFor(WAIT);

    // Writing first to a number that has no chat yet.
    await page.fill("[data-test=chat-search]", `+${NEWCOMER}`);
    await page.click("[data-test=new-chat]");
    await page.waitForURL(new RegExp(`chat=${NEWCOMER}`), WAIT);
    await page.fill("[data-test=composer]", "Welcome to our shop!");
    await page.keyboard.press("Enter");
    await until(
      async () => (await network.inbox(gateway, NEWCOMER)).find((m) => m.content?.text === "Welcome to our shop!"),
      "the new contact to receive the first message",
    );
    await page.locator(`[data-chat="${NEWCOMER}@s.whatsapp.net"]`).waitFor(WAIT);

    // A saved template, rendered for this chat, fills the send box.
    await gateway.api("/api/templates?workspaceId=default", {
      json: { name: "Order shipped", body: "Hi {{name|there}}, your order ships today." },
    });
    await page.click("[data-test=templates]");
    await page.click("[data-template='Order shipped']");
    await until(
      async () => (await page.inputValue("[data-test=composer]")) === "Hi there, your order ships today.",
      "the template to fill the send box",
    );
    await page.keyboard.press("Enter");
    await until(
      async () =>
        (await network.inbox(gateway, NEWCOMER)).find((m) => m.content?.text === "Hi there, your order ships today."),
      "the templated message to arrive",
    );
  }, 60_000);

  it("subscribes a webhook, pings it, and replays a delivery from the log", async () => {
    await page.click("a[href='/webhooks']");
    await page.getByText("No webhooks").waitFor(WAIT);
    await page.click("[data-test=new-webhook]");
    await page.fill("input[name=url]", hookUrl);
    await page.fill("input[name=description]", "CRM sync");
    await page.click("button[form=webhook-create]");
    expect(await page.locator("[data-test=secret]").textContent()).toMatch(/\S{16,}/);
    await page.getByRole("button", { name: "Done" }).click();
    const row = page.locator("[data-test=webhooks] tbody tr", { hasText: hookUrl });
    await row.waitFor(WAIT);
    await screenshot(page, `${network.engine}-webhooks`);

    await row.getByRole("button", { name: "Test" }).click();
    const ping = await until(async () => hooks.find((h) => h.event === "webhook.test"), "the test ping to arrive");
    await row.getByRole("button", { name: "Deliveries" }).click();
    await page.click("[data-tab=delivered]");
    const delivered = page.locator("tr", { hasText: "webhook.test" });
    await until(async () => {
      await page.getByRole("button", { name: "Refresh" }).last().click();
      return (await delivered.count()) > 0;
    }, "the delivery log to list the ping");
    await screenshot(page, `${network.engine}-webhook-deliveries`);
    await delivered.first().locator("[data-test=replay]").click();
    // A replay keeps the delivery id, so receivers can deduplicate.
    await until(
      async () => hooks.filter((h) => h.delivery === ping.delivery).length === 2,
      "the replayed delivery to arrive",
    );
    await page.getByRole("button", { name: "Close" }).click();

    // Disable from the list.
    await row.locator("input[type=checkbox]").click();
    await row.getByText("Disabled").waitFor(WAIT);
    expect(await gateway.api<{ url: string; enabled: boolean }[]>("/api/webhooks")).toMatchObject([
      { url: hookUrl, enabled: false },
    ]);
  }, 45_000);

  it("creates an API key, shows its token once and lists it", async () => {
    await page.click("a[href='/keys']");
    await page.click("[data-test=new-key]");
    await page.fill("input[name=name]", "CRM integration");
    await page.click("button[form=key-create]");
    const token = (await page.locator("[data-test=secret]").textContent())!.trim();
    expect(token).toMatch(/^mwa_/);
    await screenshot(page, `${network.engine}-keys-token`);
    await page.getByRole("button", { name: "Done" }).click();
    await page.locator("[data-test=keys] tbody tr", { hasText: "CRM integration" }).waitFor(WAIT);
    // The shown token works.
    expect((await fetch(`${gateway.url}/api/profiles`, { headers: { "x-api-key": token } })).status).toBe(200);
    await screenshot(page, `${network.engine}-keys`);
  }, 30_000);

  it("shows the gateway's health and the engines' capabilities", async () => {
    await page.click("a[href='/settings']");
    await page.locator("[data-test=health]").getByText("Healthy").waitFor(WAIT);
    await page.locator("[data-test=engines] th", { hasText: network.engine }).waitFor(WAIT);
    await screenshot(page, `${network.engine}-settings`);

    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${gateway.url}/chats?profile=${profileId}&chat=${PEER}%40s.whatsapp.net`);
    await page.locator("[data-message]", { hasText: "Packing list attached" }).locator("[data-status]").waitFor(WAIT);
    await screenshot(page, `${network.engine}-chat-dark`);
    await page.emulateMedia({ colorScheme: "light" });
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it("signs out, then signs in with email and password as an invited user", async () => {
    await gateway.api("/api/organizations", { json: { id: "acme", name: "Acme" } });
    const invite = await gateway.api<{ token: string }>("/api/organizations/acme/invitations", {
      json: { email: "olivia@acme.test", roles: { "*": "owner" } },
    });
    await gateway.api("/api/auth/accept-invitation", {
      json: { token: invite.token, name: "Olivia Owner", password: "a long password" },
    });

    await page.click("[data-test=sign-out]");
    await page.waitForURL(/\/login/, WAIT);
    await page.click("[data-test=mode-password]");
    await page.fill("input[name=email]", "olivia@acme.test");
    await page.fill("input[name=password]", "not the password");
    await page.click("button[type=submit]");
    await page.getByRole("alert").filter({ hasText: "email or password" }).waitFor(WAIT);
    await page.fill("input[name=password]", "a long password");
    await screenshot(page, `${network.engine}-login-password`);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/profiles/, WAIT);
    // Her organization has no workspace yet: create one from the switcher and a profile in it.
    await page.selectOption("[data-test=workspace]", "__new");
    await page.fill("input[name=workspace-name]", "Support team");
    await page.click("button[form=workspace-create]");
    await page
      .locator("[data-test=workspace] option:checked", { hasText: "Support team" })
      .waitFor({ state: "attached", ...WAIT });
    await page.click("[data-test=new-profile]");
    await page.fill("input[name=name]", "Acme support");
    await page.locator(`label.engine:has(input[value="${network.engine}"])`).click();
    await page.getByText("Connect now").click();
    await page.click("button[form=profile-create]");
    const card = page.locator("[data-profile]", { hasText: "Acme support" });
    await card.waitFor(WAIT);
    // Live updates for a user session come over the profile's SSE stream.
    await page.locator(".live.on").waitFor(WAIT);
    await card.locator("[data-test=start]").click();
    const qr = page.locator("img[data-test=qr]");
    await qr.waitFor(WAIT);
    await network.scan(gateway, (await qr.getAttribute("data-qr"))!, "491510000009");
    await page.locator("[data-test=login-done]").waitFor(WAIT);
    await page.getByRole("button", { name: "Close" }).click();
    await card.locator("[data-status=open]").waitFor(WAIT);
    const created = await gateway.api<{ name: string; workspaceId: string }[]>("/api/profiles");
    expect(created.find((p) => p.name === "Acme support")?.workspaceId).not.toBe("default");
    await screenshot(page, `${network.engine}-profiles-workspace`);
    await page.click("a[href='/settings']");
    await page.locator("[data-test=signed-in]", { hasText: "Olivia Owner" }).waitFor(WAIT);
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
