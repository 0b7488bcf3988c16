import { randomInt } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { GraphError, invalidParameter } from "./errors.js";
import { MEDIA_TYPES } from "./media.js";
import type { GraphApiSimulator } from "./simulator.js";
import type { TemplateRecord } from "./types.js";
import { validateMessage } from "./validate.js";

type Json = Record<string, unknown>;

/** Routes one Graph API request: `/{version}/{node}/{edge}`, bearer token checked, errors in Meta's shape. */
export async function handleGraphRequest(
  sim: GraphApiSimulator,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://graph.local");
  const parts = url.pathname.split("/").filter(Boolean);
  if (/^v\d+\.\d+$/.test(parts[0] ?? "")) parts.shift();
  let status = 200;
  let body: unknown;
  try {
    const raw = await readBody(req);
    if (parts[0] === "_media") {
      // Media downloads (the URL `GET /{media-id}` returns) need the token too.
      authorize(sim, req);
      const item = sim.media.get(parts[1] ?? "");
      if (!item) throw new GraphError(404, 100, "Media not found");
      res.writeHead(200, { "content-type": item.mimeType, "content-length": item.data.byteLength });
      res.end(item.data);
      sim.requests.push({ method: req.method ?? "GET", path: url.pathname, status: 200 });
      return;
    }
    authorize(sim, req);
    body = await route(sim, req.method ?? "GET", parts, url, raw, req.headers["content-type"] ?? "");
  } catch (error) {
    const graph =
      error instanceof GraphError
        ? error
        : new GraphError(500, 1, `An unknown error occurred: ${(error as Error).message}`, "OAuthException");
    status = graph.status;
    body = graph.toBody();
  }
  sim.requests.push({ method: req.method ?? "GET", path: url.pathname, status });
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

// --- Internal helpers ---

async function route(
  sim: GraphApiSimulator,
  method: string,
  parts: string[],
  url: URL,
  raw: Buffer,
  type: string,
): Promise<unknown> {
  const [node = "", edge] = parts;
  const number = sim.number(node);
  if (number && !edge && method === "GET") {
    return {
      id: number.id,
      display_phone_number: displayOf(number.phone),
      verified_name: number.verifiedName,
      quality_rating: number.qualityRating ?? "GREEN",
    };
  }
  if (number && edge === "messages" && method === "POST") {
    const input = json(raw);
    if (input.status === "read") {
      if (input.messaging_product !== "whatsapp")
        throw invalidParameter("The parameter messaging_product is required.");
      if (typeof input.message_id !== "string" || !input.message_id.startsWith("wamid."))
        throw invalidParameter("message_id must be the wamid of a received message.");
      return { success: true };
    }
    const message = validateMessage(input, {
      media: sim.media,
      template: (name, language) => sim.templates.find((t) => t.name === name && t.language === language),
    });
    sim.admit(message.to);
    const record = sim.accept(number, message);
    return {
      messaging_product: "whatsapp",
      contacts: [{ input: String(input.to ?? input.recipient), wa_id: message.to }],
      messages: [{ id: record.id, ...(message.template ? { message_status: "accepted" } : {}) }],
    };
  }
  if (number && edge === "media" && method === "POST") return upload(sim, raw, type);
  if (node === sim.wabaId && edge === "subscribed_apps") return subscribe(sim, method, raw);
  if (node === sim.wabaId && edge === "message_templates") return templates(sim, method, url, raw);
  const media = sim.media.get(node);
  if (media && !edge && method === "GET") {
    return {
      messaging_product: "whatsapp",
      url: `${sim.url}/_media/${media.id}`,
      mime_type: media.mimeType,
      sha256: media.sha256,
      file_size: media.data.byteLength,
      id: media.id,
    };
  }
  if (media && !edge && method === "DELETE") return { success: sim.media.delete(node) };
  throw new GraphError(
    400,
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    "GraphMethodException",
    undefined,
    33,
  );
}

function authorize(sim: GraphApiSimulator, req: IncomingMessage): void {
  const header = req.headers.authorization ?? "";
  if (!header.startsWith("Bearer "))
    throw new GraphError(
      400,
      190,
      "An active access token must be used to query information about the current user.",
      "OAuthException",
    );
  if (header.slice(7) !== sim.accessToken)
    throw new GraphError(401, 190, "Invalid OAuth access token - Cannot parse access token", "OAuthException");
}

async function upload(sim: GraphApiSimulator, raw: Buffer, type: string): Promise<unknown> {
  if (!type.startsWith("multipart/form-data"))
    throw invalidParameter("Upload media as multipart/form-data with file, type and messaging_product.");
  const form = await new Request("http://upload.local", {
    method: "POST",
    headers: { "content-type": type },
    body: raw,
  }).formData();
  const file = form.get("file");
  if (form.get("messaging_product") !== "whatsapp")
    throw invalidParameter("The parameter messaging_product is required.");
  if (!file || typeof file === "string") throw invalidParameter("The parameter file is required.");
  const mimeType = String(form.get("type") ?? file.type);
  if (!Object.values(MEDIA_TYPES).some((re) => re.test(mimeType)))
    throw invalidParameter(`Param file must be a file with one of the supported types, got ${mimeType}.`, 131053);
  const item = sim.media.add(new Uint8Array(await file.arrayBuffer()), mimeType, (file as File).name);
  return { id: item.id };
}

async function subscribe(sim: GraphApiSimulator, method: string, raw: Buffer): Promise<unknown> {
  if (method === "GET")
    return {
      data: sim.subscribed
        ? [
            {
              whatsapp_business_api_data: { id: "sim-app", name: "MultiWA" },
              ...(sim.callbackUrl ? { override_callback_uri: sim.callbackUrl } : {}),
            },
          ]
        : [],
    };
  if (method === "DELETE") return ((sim.subscribed = false), { success: true });
  const input = raw.length ? json(raw) : {};
  if (typeof input.override_callback_uri === "string") {
    // Meta verifies a callback before it takes it: a GET with a challenge that must come back.
    const challenge = String(randomInt(1e8, 9e8));
    const target = new URL(input.override_callback_uri);
    target.search = new URLSearchParams({
      "hub.mode": "subscribe",
      "hub.challenge": challenge,
      "hub.verify_token": String(input.verify_token ?? ""),
    }).toString();
    const answer = await fetch(target, { signal: AbortSignal.timeout(5000) }).then(
      (r) => (r.ok ? r.text() : ""),
      () => "",
    );
    if (answer.trim() !== challenge)
      throw new GraphError(
        400,
        2200,
        "(#2200) Callback verification failed with the following errors: HTTP Status Code = 403",
        "OAuthException",
      );
    sim.callbackUrl = input.override_callback_uri;
  }
  sim.subscribed = true;
  return { success: true };
}

function templates(sim: GraphApiSimulator, method: string, url: URL, raw: Buffer): unknown {
  if (method === "GET") {
    const name = url.searchParams.get("name");
    const status = url.searchParams.get("status");
    const data = sim.templates
      .filter((t) => (!name || t.name === name) && (!status || t.status === status))
      .map(publicTemplate);
    return { data, paging: { cursors: { before: "MAZDZD", after: "MjQZD" } } };
  }
  if (method === "DELETE") {
    const name = url.searchParams.get("name");
    const before = sim.templates.length;
    for (let i = sim.templates.length - 1; i >= 0; i--) if (sim.templates[i]!.name === name) sim.templates.splice(i, 1);
    if (before === sim.templates.length)
      throw new GraphError(
        400,
        100,
        "(#100) Invalid parameter",
        "OAuthException",
        `Message template "${name}" not found.`,
        2593002,
      );
    return { success: true };
  }
  const input = json(raw);
  const { name, language, category, components } = input as {
    name?: unknown;
    language?: unknown;
    category?: unknown;
    components?: unknown;
  };
  if (typeof name !== "string" || !/^[a-z0-9_]{1,512}$/.test(name))
    throw invalidParameter("name must be lowercase letters, digits and underscores.");
  if (typeof language !== "string" || !/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language))
    throw invalidParameter("language must be a locale code such as en_US.");
  if (category !== "MARKETING" && category !== "UTILITY" && category !== "AUTHENTICATION")
    throw invalidParameter("category must be MARKETING, UTILITY or AUTHENTICATION.");
  if (!Array.isArray(components) || !components.some((c: Json) => c.type === "BODY" && typeof c.text === "string"))
    throw invalidParameter("components needs a BODY with text.");
  if (sim.templates.some((t) => t.name === name && t.language === language)) {
    throw new GraphError(
      400,
      100,
      "Invalid parameter",
      "OAuthException",
      `Content in this language already exists for ${name}.`,
      2388024,
    );
  }
  const record: TemplateRecord = {
    id: String(randomInt(1e13, 2e14)),
    name,
    language,
    category,
    status: "PENDING",
    components: components as Json[],
  };
  sim.templates.push(record);
  return { id: record.id, status: record.status, category };
}

function publicTemplate(t: TemplateRecord): Json {
  return {
    id: t.id,
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category,
    components: t.components,
    ...(t.rejectedReason ? { rejected_reason: t.rejectedReason } : {}),
  };
}

function json(raw: Buffer): Json {
  try {
    const value = JSON.parse(raw.toString("utf8") || "{}");
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Json;
  } catch {
    // answered below
  }
  throw new GraphError(400, 100, "(#100) The request body must be a JSON object", "OAuthException");
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** `15550000001` → `+1 555-000-0001`-like display (Meta formats by country; a plain `+digits` is close enough). */
function displayOf(phone: string): string {
  return `+${phone}`;
}
