import { NodeOperationError, type IDataObject, type IExecuteFunctions } from "n8n-workflow";
import { multiWaRequest, splitList } from "../../transport";

/** Contacts and their tags (`/api/contacts`). */
export async function contactOperation(this: IExecuteFunctions, operation: string, i: number): Promise<IDataObject> {
  const workspaceId = this.getNodeParameter("workspaceId", i, "") as string;
  const qs = workspaceId ? { workspaceId } : undefined;
  const contactPath = () => `/api/contacts/${encodeURIComponent(this.getNodeParameter("contactId", i) as string)}`;
  switch (operation) {
    case "upsert": {
      const name = this.getNodeParameter("name", i, "") as string;
      const body: IDataObject = {
        phone: this.getNodeParameter("phone", i) as string,
        tags: splitList(this.getNodeParameter("tags", i, "") as string),
        optOut: this.getNodeParameter("optOut", i, false) as boolean,
        ...(name ? { name } : {}),
      };
      return (await multiWaRequest.call(this, "POST", "/api/contacts", body, qs)) as IDataObject;
    }
    case "get":
      return (await multiWaRequest.call(this, "GET", contactPath(), undefined, qs)) as IDataObject;
    case "delete":
      await multiWaRequest.call(this, "DELETE", contactPath(), undefined, qs);
      return { deleted: true };
    case "addTags":
    case "removeTags": {
      const tags = splitList(this.getNodeParameter("tags", i, "") as string);
      const ids = splitList(this.getNodeParameter("contactIds", i) as string).map(contactId);
      const body = { ids, add: operation === "addTags" ? tags : [], remove: operation === "removeTags" ? tags : [] };
      return (await multiWaRequest.call(this, "POST", "/api/contacts/tags", body, qs)) as IDataObject;
    }
    default:
      throw new NodeOperationError(this.getNode(), `Unknown contact operation "${operation}"`, { itemIndex: i });
  }
}

/** Contact ids are the phone's digits; a formatted phone number is accepted too. */
function contactId(value: string): string {
  return /^\+?[\d\s\-().]+$/.test(value) ? value.replace(/\D/g, "") : value;
}
