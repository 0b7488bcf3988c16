import { NodeOperationError, type IDataObject, type IExecuteFunctions } from "n8n-workflow";
import { multiWaRequest, splitList } from "../../transport";

/** Broadcast campaigns (`/api/campaigns`): start one now, or read its progress. */
export async function broadcastOperation(this: IExecuteFunctions, operation: string, i: number): Promise<IDataObject> {
  const workspaceId = this.getNodeParameter("workspaceId", i, "") as string;
  const qs = workspaceId ? { workspaceId } : undefined;
  if (operation === "get") {
    const id = this.getNodeParameter("campaignId", i) as string;
    return (await multiWaRequest.call(
      this,
      "GET",
      `/api/campaigns/${encodeURIComponent(id)}`,
      undefined,
      qs,
    )) as IDataObject;
  }
  if (operation !== "start")
    throw new NodeOperationError(this.getNode(), `Unknown broadcast operation "${operation}"`, { itemIndex: i });
  const tags = splitList(this.getNodeParameter("tags", i, "") as string);
  const contactIds = splitList(this.getNodeParameter("contactIds", i, "") as string);
  if (!tags.length && !contactIds.length)
    throw new NodeOperationError(this.getNode(), "Name the audience: give Audience Tags or Contact IDs", {
      itemIndex: i,
    });
  const text = this.getNodeParameter("text", i, "") as string;
  const templateId = this.getNodeParameter("templateId", i, "") as string;
  if (!text === !templateId)
    throw new NodeOperationError(this.getNode(), "Give either Text or Template ID", { itemIndex: i });
  const body: IDataObject = {
    name: this.getNodeParameter("name", i) as string,
    profileIds: splitList(this.getNodeParameter("profileIds", i) as string),
    message: text ? { text } : { templateId },
    audience: { ...(tags.length ? { tags } : {}), ...(contactIds.length ? { contactIds } : {}) },
    schedule: { type: "now" },
    pacing: {
      perMinute: this.getNodeParameter("perMinute", i, 20) as number,
      jitterMs: this.getNodeParameter("jitterMs", i, 2000) as number,
      dailyCap: 0,
    },
    start: true,
  };
  return (await multiWaRequest.call(this, "POST", "/api/campaigns", body, qs)) as IDataObject;
}
