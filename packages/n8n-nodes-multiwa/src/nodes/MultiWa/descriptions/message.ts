import type { INodeProperties } from "n8n-workflow";

const show = (operation: string[]) => ({ show: { resource: ["message"], operation } });
const MEDIA = ["media"];
const TARGETED = ["reaction", "edit", "delete"];

export const messageOperations: INodeProperties = {
  displayName: "Operation", name: "operation", type: "options", noDataExpression: true, default: "text",
  displayOptions: { show: { resource: ["message"] } },
  options: [
    { name: "Send Text", value: "text", action: "Send a text message" },
    { name: "Send Media", value: "media", action: "Send an image, video, audio, document or sticker" },
    { name: "Send Location", value: "location", action: "Send a location" },
    { name: "Send Contact Card", value: "contact", action: "Send a contact card" },
    { name: "Send Poll", value: "poll", action: "Send a poll" },
    { name: "React", value: "reaction", action: "React to a message" },
    { name: "Edit", value: "edit", action: "Edit a sent message" },
    { name: "Delete", value: "delete", action: "Delete a sent message for everyone" },
  ],
};

export const messageFields: INodeProperties[] = [
  { displayName: "Profile ID", name: "profileId", type: "string", required: true, default: "", description: "The WhatsApp account (profile) that sends", displayOptions: { show: { resource: ["message"] } } },
  { displayName: "To", name: "to", type: "string", required: true, default: "", placeholder: "+62 812-3456-7890", description: "Phone number, user JID or group JID", displayOptions: { show: { resource: ["message"] } } },
  { displayName: "Text", name: "text", type: "string", typeOptions: { rows: 4 }, required: true, default: "", displayOptions: show(["text", "edit"]) },
  {
    displayName: "Media Type", name: "mediaType", type: "options", default: "image", displayOptions: show(MEDIA),
    options: ["image", "video", "audio", "document", "sticker"].map((t) => ({ name: t[0]!.toUpperCase() + t.slice(1), value: t })),
  },
  {
    displayName: "Media Source", name: "mediaSource", type: "options", default: "url", displayOptions: show(MEDIA),
    options: [{ name: "URL", value: "url" }, { name: "Binary Property", value: "binary" }],
  },
  { displayName: "Media URL", name: "mediaUrl", type: "string", default: "", required: true, displayOptions: { show: { resource: ["message"], operation: MEDIA, mediaSource: ["url"] } } },
  { displayName: "Binary Property", name: "binaryProperty", type: "string", default: "data", required: true, displayOptions: { show: { resource: ["message"], operation: MEDIA, mediaSource: ["binary"] } } },
  { displayName: "Caption", name: "caption", type: "string", default: "", displayOptions: { show: { resource: ["message"], operation: MEDIA, mediaType: ["image", "video", "document"] } } },
  { displayName: "File Name", name: "fileName", type: "string", default: "", displayOptions: { show: { resource: ["message"], operation: MEDIA, mediaType: ["document"] } } },
  { displayName: "Voice Note", name: "ptt", type: "boolean", default: false, displayOptions: { show: { resource: ["message"], operation: MEDIA, mediaType: ["audio"] } } },
  { displayName: "Latitude", name: "latitude", type: "number", default: 0, typeOptions: { numberPrecision: 6 }, displayOptions: show(["location"]) },
  { displayName: "Longitude", name: "longitude", type: "number", default: 0, typeOptions: { numberPrecision: 6 }, displayOptions: show(["location"]) },
  { displayName: "Place Name", name: "placeName", type: "string", default: "", displayOptions: show(["location"]) },
  { displayName: "Address", name: "address", type: "string", default: "", displayOptions: show(["location"]) },
  { displayName: "Contact Name", name: "contactName", type: "string", default: "", required: true, displayOptions: show(["contact"]) },
  { displayName: "Contact Phone", name: "contactPhone", type: "string", default: "", required: true, displayOptions: show(["contact"]) },
  { displayName: "Question", name: "pollName", type: "string", default: "", required: true, displayOptions: show(["poll"]) },
  { displayName: "Options", name: "pollOptions", type: "string", default: "", required: true, description: "Comma-separated, 2 to 12", displayOptions: show(["poll"]) },
  { displayName: "Selectable Count", name: "selectableCount", type: "number", default: 1, description: "0 lets people pick any number", displayOptions: show(["poll"]) },
  { displayName: "Message ID", name: "targetId", type: "string", default: "", required: true, description: "The message reacted to, edited or deleted", displayOptions: show(TARGETED) },
  { displayName: "Target Is Mine", name: "targetFromMe", type: "boolean", default: false, description: "Whether the target was sent by this profile", displayOptions: show(["reaction"]) },
  { displayName: "Emoji", name: "emoji", type: "string", default: "👍", description: "Empty removes the reaction", displayOptions: show(["reaction"]) },
  {
    displayName: "Options", name: "sendOptions", type: "collection", placeholder: "Add Option", default: {},
    displayOptions: { show: { resource: ["message"] } },
    options: [
      { displayName: "Reply To (Message ID)", name: "quotedId", type: "string", default: "" },
      { displayName: "Idempotency Key", name: "idempotencyKey", type: "string", default: "", description: "The same key never sends twice for one profile" },
      { displayName: "Show Typing", name: "typing", type: "boolean", default: true },
    ],
  },
];
