import { NodeOperationError, type IDataObject, type IExecuteFunctions } from "n8n-workflow";
import { multiWaRequest, splitList } from "../../transport";

/** Sends one message of the operation's type from item `i`; answers the gateway's queued record. */
export async function sendMessage(this: IExecuteFunctions, operation: string, i: number): Promise<IDataObject> {
  const profileId = this.getNodeParameter("profileId", i) as string;
  const to = this.getNodeParameter("to", i) as string;
  const content = await buildContent.call(this, operation, i);
  const options = compact(this.getNodeParameter("sendOptions", i, {}) as IDataObject);
  const body: IDataObject = { to, content, ...(Object.keys(options).length ? { options } : {}) };
  return (await multiWaRequest.call(
    this,
    "POST",
    `/api/profiles/${encodeURIComponent(profileId)}/messages`,
    body,
  )) as IDataObject;
}

// --- Internal helpers ---

async function buildContent(this: IExecuteFunctions, operation: string, i: number): Promise<IDataObject> {
  const param = <T>(name: string, fallback?: T) => this.getNodeParameter(name, i, fallback) as T;
  switch (operation) {
    case "text":
      return { type: "text", text: param<string>("text") };
    case "media":
      return mediaContent.call(this, i);
    case "location":
      return compact({
        type: "location",
        latitude: param<number>("latitude"),
        longitude: param<number>("longitude"),
        name: param<string>("placeName", ""),
        address: param<string>("address", ""),
      });
    case "contact":
      return {
        type: "contact",
        contacts: [{ name: param<string>("contactName"), phone: param<string>("contactPhone") }],
      };
    case "poll":
      return {
        type: "poll",
        name: param<string>("pollName"),
        options: splitList(param<string>("pollOptions")),
        selectableCount: param<number>("selectableCount", 1),
      };
    case "reaction":
      return {
        type: "reaction",
        target: { id: param<string>("targetId"), fromMe: param<boolean>("targetFromMe", false) },
        emoji: param<string>("emoji", ""),
      };
    case "edit":
      return { type: "edit", target: { id: param<string>("targetId") }, text: param<string>("text") };
    case "delete":
      return { type: "delete", target: { id: param<string>("targetId") } };
    default:
      throw new NodeOperationError(this.getNode(), `Unknown message operation "${operation}"`, { itemIndex: i });
  }
}

async function mediaContent(this: IExecuteFunctions, i: number): Promise<IDataObject> {
  const type = this.getNodeParameter("mediaType", i) as string;
  const content: IDataObject = { type };
  if (this.getNodeParameter("mediaSource", i) === "binary") {
    const property = this.getNodeParameter("binaryProperty", i) as string;
    const binary = this.helpers.assertBinaryData(i, property);
    const data = await this.helpers.getBinaryDataBuffer(i, property);
    content.media = { base64: data.toString("base64") };
    if (binary.mimeType) content.mimetype = binary.mimeType;
    if (type === "document" && binary.fileName) content.fileName = binary.fileName;
  } else {
    content.media = { url: this.getNodeParameter("mediaUrl", i) as string };
  }
  if (["image", "video", "document"].includes(type))
    content.caption = this.getNodeParameter("caption", i, "") as string;
  if (type === "document") {
    const fileName = this.getNodeParameter("fileName", i, "") as string;
    if (fileName) content.fileName = fileName;
  }
  if (type === "audio") content.ptt = this.getNodeParameter("ptt", i, false) as boolean;
  return compact(content);
}

/** Drops empty strings so optional gateway fields stay absent rather than invalid. */
function compact(object: IDataObject): IDataObject {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== "" && v !== undefined && v !== null));
}
