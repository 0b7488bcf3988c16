import {
  NodeConnectionTypes,
  type IDataObject,
  type IHookFunctions,
  type INodeType,
  type INodeTypeDescription,
  type IWebhookFunctions,
  type IWebhookResponseData,
} from "n8n-workflow";
import { httpStatus, multiWaRequest } from "../transport";
import { SIGNATURE_HEADER, verifyMultiWaSignature } from "./signature";

const EVENTS = [
  "message.received",
  "message.sent",
  "message.delivered",
  "message.read",
  "message.failed",
  "message.held",
  "message.reaction",
  "message.revoked",
  "message.edited",
  "message.pinned",
  "poll.vote",
  "event.response",
  "location.live",
  "group.update",
  "group.participants",
  "call.received",
  "call.ended",
  "session.status",
  "campaign.status",
  "campaign.progress",
  // The history WhatsApp sends after linking, and on-demand fetches (issue #21).
  "history.progress",
  "history.completed",
  // WhatsApp's limits on the profile set or lifted (reach-out timelock, new-chat cap).
  "profile.limit",
];

interface StaticData {
  webhookId?: string;
  secret?: string;
}

/** Starts a workflow on MultiWA events; subscribes itself on activation and verifies every delivery's signature. */
export class MultiWaTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: "MultiWA Trigger",
    name: "multiWaTrigger",
    icon: "file:multiwa.svg",
    group: ["trigger"],
    version: 1,
    subtitle: '={{$parameter["events"].join(", ")}}',
    description: "Starts the workflow when MultiWA reports an event (message received, delivered, session status…)",
    defaults: { name: "MultiWA Trigger" },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: "multiWaApi", required: true }],
    webhooks: [{ name: "default", httpMethod: "POST", responseMode: "onReceived", path: "webhook" }],
    properties: [
      {
        displayName: "Events",
        name: "events",
        type: "multiOptions",
        required: true,
        default: ["message.received"],
        options: [{ name: "All Events", value: "*" }, ...EVENTS.map((e) => ({ name: e, value: e }))],
      },
      {
        displayName: "Profile ID",
        name: "profileId",
        type: "string",
        default: "",
        description: "Only this profile's events; empty for every profile of the key's workspace",
      },
    ],
  };

  webhookMethods = {
    default: {
      async checkExists(this: IHookFunctions): Promise<boolean> {
        const data = this.getWorkflowStaticData("node") as StaticData;
        if (!data.webhookId) return false;
        try {
          const hook = (await multiWaRequest.call(this, "GET", `/api/webhooks/${data.webhookId}`)) as IDataObject;
          if (hook.url === this.getNodeWebhookUrl("default")) return true;
        } catch {
          // Gone on the gateway: fall through and subscribe again.
        }
        delete data.webhookId;
        delete data.secret;
        return false;
      },
      async create(this: IHookFunctions): Promise<boolean> {
        const profileId = this.getNodeParameter("profileId", "") as string;
        const body: IDataObject = {
          url: this.getNodeWebhookUrl("default"),
          events: this.getNodeParameter("events", []) as string[],
          description: `n8n workflow ${this.getWorkflow().id ?? ""}`.trim(),
          ...(profileId ? { profileId } : {}),
        };
        const created = (await multiWaRequest.call(this, "POST", "/api/webhooks", body)) as {
          webhook: { id: string };
          secret: string;
        };
        const data = this.getWorkflowStaticData("node") as StaticData;
        data.webhookId = created.webhook.id;
        data.secret = created.secret;
        return true;
      },
      async delete(this: IHookFunctions): Promise<boolean> {
        const data = this.getWorkflowStaticData("node") as StaticData;
        if (data.webhookId) {
          try {
            await multiWaRequest.call(this, "DELETE", `/api/webhooks/${data.webhookId}`);
          } catch (error) {
            // Already deleted on the gateway is fine; anything else must surface.
            if (httpStatus(error) !== 404) return false;
          }
        }
        delete data.webhookId;
        delete data.secret;
        return true;
      },
    },
  };

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    const req = this.getRequestObject();
    const { secret } = this.getWorkflowStaticData("node") as StaticData;
    // n8n keeps the raw body for webhooks; re-serialising is a fallback that matches the gateway's JSON.stringify.
    const raw = (req as { rawBody?: Buffer }).rawBody?.toString("utf8") ?? JSON.stringify(req.body);
    if (!verifyMultiWaSignature(req.headers[SIGNATURE_HEADER], raw, secret ?? "")) {
      this.getResponseObject().status(401).json({ error: "invalid signature" });
      return { noWebhookResponse: true };
    }
    const delivery = JSON.parse(raw) as IDataObject;
    return { workflowData: [[{ json: { ...delivery, deliveryId: req.headers["x-multiwa-delivery"] as string } }]] };
  }
}
