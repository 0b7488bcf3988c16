import { MultiWAError, type Capability, type Engine, type EngineFactory, type EnginePreflight } from "@multiwa/core";
import { CloudSettingsSchema, ENGINE_NAME, type CloudApiEngineOptions } from "./options.js";
import { CloudSession } from "./session.js";
import { answerChallenge, verifySignature } from "./signature.js";
import { windowOpen, WINDOW_MS } from "./window.js";

/**
 * What the Cloud API offers. Polls, edits, deletes, presence and groups are not declared: the
 * platform has no such sends (the core answers CAPABILITY_UNSUPPORTED before any call).
 */
export const CLOUD_API_CAPABILITIES: readonly Capability[] = [
  "send.text",
  "send.image",
  "send.video",
  "send.audio",
  "send.document",
  "send.sticker",
  "send.location",
  "send.contact",
  "send.reaction",
  "send.reply",
  "send.interactive",
  "send.template",
  "receipts.read",
  "media.download",
  "templates.manage",
];

/** The official WhatsApp Business Platform through Meta's Graph API; inbound through signed webhooks. */
export const cloudApiEngine: EngineFactory<CloudApiEngineOptions | void> = (options) => {
  const opts = options ?? {};
  const settingsOf = (settings: Record<string, unknown>) =>
    ({ ...opts.defaults, ...settings }) as Record<string, string | undefined>;
  const engine: Engine = {
    name: ENGINE_NAME,
    capabilities: CLOUD_API_CAPABILITIES,
    // Outside the 24-hour window Meta delivers only approved templates, so campaigns must use one.
    requiresApprovedTemplates: true,
    settingsSchema: opts.defaults ? CloudSettingsSchema.partial() : CloudSettingsSchema,
    createSession: (context) => new CloudSession(context, opts),
    preflight: (input) => checkWindow(input),
    ingress: {
      challenge: (settings, query) => {
        const token = settingsOf(settings).verifyToken;
        return token ? answerChallenge(token, query) : undefined;
      },
      verify: (settings, rawBody, headers) => {
        const secret = settingsOf(settings).appSecret;
        return Boolean(secret) && verifySignature(secret!, rawBody, headers["x-hub-signature-256"]);
      },
    },
  };
  return engine;
};

/** Free-form messages need the customer to have written within 24 hours; templates and reactions do not. */
async function checkWindow({ storage, to, content }: EnginePreflight): Promise<void> {
  if (content.type === "template" || content.type === "reaction") return;
  if (await windowOpen(storage, to)) return;
  throw new MultiWAError(
    "WINDOW_CLOSED",
    `${to} has not written in the last ${WINDOW_MS / 3_600_000} hours, so the Cloud API only takes a template message; send \`{ type: "template", name, language }\` with an approved template`,
    {
      scope: ENGINE_NAME,
      details: { field: "content.type", to, alternative: "template" },
    },
  );
}
