import {
  NodeApiError,
  NodeConnectionTypes,
  NodeOperationError,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from "n8n-workflow";
import { broadcastOperation } from "./actions/broadcast";
import { contactOperation } from "./actions/contact";
import { sendMessage } from "./actions/message";
import { broadcastFields, broadcastOperations } from "./descriptions/broadcast";
import { contactFields, contactOperations } from "./descriptions/contact";
import { messageFields, messageOperations } from "./descriptions/message";

/** Sends WhatsApp messages, manages contacts and tags, and starts broadcasts through a MultiWA gateway. */
export class MultiWa implements INodeType {
  description: INodeTypeDescription = {
    displayName: "MultiWA",
    name: "multiWa",
    icon: "file:multiwa.svg",
    group: ["output"],
    version: 1,
    subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
    description: "Send WhatsApp messages and manage contacts through a MultiWA gateway",
    defaults: { name: "MultiWA" },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: "multiWaApi", required: true }],
    properties: [
      {
        displayName: "Resource",
        name: "resource",
        type: "options",
        noDataExpression: true,
        default: "message",
        options: [
          { name: "Message", value: "message" },
          { name: "Contact", value: "contact" },
          { name: "Broadcast", value: "broadcast" },
        ],
      },
      messageOperations,
      ...messageFields,
      contactOperations,
      ...contactFields,
      broadcastOperations,
      ...broadcastFields,
    ],
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const out: INodeExecutionData[] = [];
    for (let i = 0; i < items.length; i++) {
      const resource = this.getNodeParameter("resource", i) as string;
      const operation = this.getNodeParameter("operation", i) as string;
      try {
        const json = await run.call(this, resource, operation, i);
        out.push({ json, pairedItem: { item: i } });
      } catch (caught) {
        const error =
          caught instanceof NodeApiError || caught instanceof NodeOperationError
            ? caught
            : new NodeOperationError(this.getNode(), caught as Error, { itemIndex: i });
        error.context.itemIndex ??= i;
        if (!this.continueOnFail()) throw error;
        // The gateway's code and field ride along, so a workflow can branch on them.
        out.push({
          json: { error: error.message, ...(error.context.gateway as IDataObject | undefined) },
          pairedItem: { item: i },
        });
      }
    }
    return [out];
  }
}

function run(this: IExecuteFunctions, resource: string, operation: string, i: number): Promise<IDataObject> {
  if (resource === "message") return sendMessage.call(this, operation, i);
  if (resource === "contact") return contactOperation.call(this, operation, i);
  if (resource === "broadcast") return broadcastOperation.call(this, operation, i);
  throw new NodeOperationError(this.getNode(), `Unknown resource "${resource}"`, { itemIndex: i });
}
