import type { INodeProperties } from "n8n-workflow";

const show = (operation: string[]) => ({ show: { resource: ["contact"], operation } });

export const contactOperations: INodeProperties = {
  displayName: "Operation",
  name: "operation",
  type: "options",
  noDataExpression: true,
  default: "upsert",
  displayOptions: { show: { resource: ["contact"] } },
  options: [
    { name: "Create or Update", value: "upsert", action: "Create or update a contact" },
    { name: "Get", value: "get", action: "Get a contact" },
    { name: "Add Tags", value: "addTags", action: "Add tags to contacts" },
    { name: "Remove Tags", value: "removeTags", action: "Remove tags from contacts" },
    { name: "Delete", value: "delete", action: "Delete a contact" },
  ],
};

export const contactFields: INodeProperties[] = [
  {
    displayName: "Phone",
    name: "phone",
    type: "string",
    required: true,
    default: "",
    placeholder: "+62 812-3456-7890",
    displayOptions: show(["upsert"]),
  },
  { displayName: "Name", name: "name", type: "string", default: "", displayOptions: show(["upsert"]) },
  {
    displayName: "Contact ID or Phone",
    name: "contactId",
    type: "string",
    required: true,
    default: "",
    displayOptions: show(["get", "delete"]),
  },
  {
    displayName: "Contact IDs or Phones",
    name: "contactIds",
    type: "string",
    required: true,
    default: "",
    description: "Comma-separated",
    displayOptions: show(["addTags", "removeTags"]),
  },
  {
    displayName: "Tags",
    name: "tags",
    type: "string",
    default: "",
    description: "Comma-separated",
    displayOptions: show(["upsert", "addTags", "removeTags"]),
  },
  {
    displayName: "Opted Out",
    name: "optOut",
    type: "boolean",
    default: false,
    description: "Whether broadcasts skip this contact",
    displayOptions: show(["upsert"]),
  },
  {
    displayName: "Workspace ID",
    name: "workspaceId",
    type: "string",
    default: "",
    description: "Only for keys that reach several workspaces",
    displayOptions: { show: { resource: ["contact"] } },
  },
];
