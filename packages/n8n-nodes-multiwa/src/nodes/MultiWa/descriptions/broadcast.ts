import type { INodeProperties } from "n8n-workflow";

const show = (operation: string[]) => ({ show: { resource: ["broadcast"], operation } });

export const broadcastOperations: INodeProperties = {
  displayName: "Operation",
  name: "operation",
  type: "options",
  noDataExpression: true,
  default: "start",
  displayOptions: { show: { resource: ["broadcast"] } },
  options: [
    { name: "Start", value: "start", action: "Start a broadcast to tagged contacts" },
    { name: "Get", value: "get", action: "Get a broadcast with its progress" },
  ],
};

export const broadcastFields: INodeProperties[] = [
  { displayName: "Name", name: "name", type: "string", required: true, default: "", displayOptions: show(["start"]) },
  {
    displayName: "Profile IDs",
    name: "profileIds",
    type: "string",
    required: true,
    default: "",
    description: "Comma-separated; several are used in rotation",
    displayOptions: show(["start"]),
  },
  {
    displayName: "Audience Tags",
    name: "tags",
    type: "string",
    default: "",
    description: "Contacts with any of these tags (comma-separated)",
    displayOptions: show(["start"]),
  },
  {
    displayName: "Contact IDs or Phones",
    name: "contactIds",
    type: "string",
    default: "",
    description: "Comma-separated, in addition to the tags",
    displayOptions: show(["start"]),
  },
  {
    displayName: "Text",
    name: "text",
    type: "string",
    typeOptions: { rows: 4 },
    default: "",
    description: "Supports {{name}}, {{firstName}}, {{custom.field}}; leave empty to use a template",
    displayOptions: show(["start"]),
  },
  { displayName: "Template ID", name: "templateId", type: "string", default: "", displayOptions: show(["start"]) },
  {
    displayName: "Messages per Minute",
    name: "perMinute",
    type: "number",
    default: 20,
    description: "Per profile; 0 sends as fast as the profile's own pacing allows",
    displayOptions: show(["start"]),
  },
  { displayName: "Jitter (ms)", name: "jitterMs", type: "number", default: 2000, displayOptions: show(["start"]) },
  {
    displayName: "Broadcast ID",
    name: "campaignId",
    type: "string",
    required: true,
    default: "",
    displayOptions: show(["get"]),
  },
  {
    displayName: "Workspace ID",
    name: "workspaceId",
    type: "string",
    default: "",
    description: "Only for keys that reach several workspaces",
    displayOptions: { show: { resource: ["broadcast"] } },
  },
];
