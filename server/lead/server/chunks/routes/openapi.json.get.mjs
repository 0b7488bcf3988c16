import { q as defineEventHandler } from '../nitro/nitro.mjs';
import { z } from 'zod';
import { f as campaigns } from '../_/campaigns.mjs';
import { c as contacts } from '../_/contacts.mjs';
import { i as demo } from '../_/demo.mjs';
import { d as groups } from '../_/groups.mjs';
import { k as keys } from '../_/keys.mjs';
import { e as messages } from '../_/messages.mjs';
import { c as mock } from '../_/mock.mjs';
import { j as profiles } from '../_/profiles.mjs';
import { t as templates } from '../_/templates.mjs';
import { a as webhooks } from '../_/webhooks.mjs';
import { t as tenancy } from '../_/tenancy.mjs';
import { i as insights } from '../_/insights.mjs';
import { a as automation } from '../_/automation.mjs';
import { f as flows } from '../_/flows.mjs';
import { r as rules } from '../_/rules.mjs';
import { m as mcp } from '../_/mcp.mjs';
import { i as ingress } from '../_/ingress2.mjs';
import { E as ErrorBody } from '../_/schemas.mjs';
import 'node:http';
import 'node:https';
import 'node:crypto';
import 'stream';
import 'events';
import 'http';
import 'crypto';
import 'buffer';
import 'zlib';
import 'https';
import 'net';
import 'tls';
import 'url';
import 'node:events';
import 'node:buffer';
import 'node:fs';
import 'node:path';
import 'node:net';
import '@whiskeysockets/baileys';
import '@whiskeysockets/baileys/lib/Signal/Group/index.js';
import 'libsignal';
import 'ws';
import 'node:fs/promises';
import 'eventemitter3';
import 'drizzle-orm';
import 'p-queue';
import 'drizzle-orm/pg-core';
import 'node:dns/promises';
import 're2js';
import 'node:url';
import '../_/operation.mjs';

const operations = [tenancy, profiles, messages, groups, contacts, templates, campaigns, rules, flows, automation, webhooks, keys, insights, mcp, ingress, mock, demo].flatMap((m) => Object.values(m));

const schema = (s, io) => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" });
  return rest;
};
function buildOpenApi(version = "0.1.0") {
  var _a, _b;
  const paths = {};
  for (const op of operations) ((_b = paths[_a = op.path]) != null ? _b : paths[_a] = {})[op.method] = operation(op);
  return {
    openapi: "3.1.0",
    info: { title: "MultiWA gateway API", version, description: "Self-hosted WhatsApp gateway. Authenticate with the `X-API-Key` header." },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { apiKey: { type: "apiKey", in: "header", name: "X-API-Key" } },
      schemas: { Error: schema(ErrorBody, "output") }
    },
    security: [{ apiKey: [] }],
    paths
  };
}
function operation(op) {
  var _a;
  const parameters = [
    ...fields(op.params, "path"),
    ...fields(op.query, "query")
  ];
  const ok = String((_a = op.status) != null ? _a : 200);
  const content = {};
  if (op.response) content["application/json"] = { schema: schema(op.response, "output") };
  if (op.produces) content[op.produces] = op.produces === "image/png" ? { schema: { type: "string", format: "binary" } } : { schema: { type: "string" } };
  const error = (description) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    ...op.description ? { description: op.description } : {},
    ...op.permission ? { "x-permission": op.permission } : {},
    ...op.public ? { "x-public": op.public, security: [] } : {},
    ...parameters.length ? { parameters } : {},
    ...op.body ? { requestBody: { required: true, content: bodyContent(op) } } : {},
    responses: {
      [ok]: { description: "OK", ...Object.keys(content).length && ok !== "204" ? { content } : {} },
      "401": error("Missing or invalid API key"),
      "403": error("The key lacks the permission"),
      ...op.params ? { "404": error("Not found") } : {},
      ...op.body || op.query ? { "422": error("Invalid input; `field` names the offending field") } : {},
      "429": error("Rate limited")
    }
  };
}
function bodyContent(op) {
  var _a;
  const json = schema(op.body, "input");
  const content = { "application/json": { schema: json } };
  for (const type of (_a = op.bodyTypes) != null ? _a : []) content[type] = { schema: { type: "object", description: "Form fields as in the JSON body (flat: `to`, `type`, content fields), plus a `file` part" } };
  return content;
}
function fields(s, where) {
  var _a;
  if (!s) return [];
  const json = schema(s, "input");
  return Object.entries((_a = json.properties) != null ? _a : {}).map(([name, prop]) => {
    var _a2;
    return {
      name,
      in: where,
      required: where === "path" || ((_a2 = json.required) != null ? _a2 : []).includes(name),
      schema: prop
    };
  });
}

let cached;
const openapi_json_get = defineEventHandler(() => cached != null ? cached : cached = buildOpenApi());

export { openapi_json_get as default };
//# sourceMappingURL=openapi.json.get.mjs.map
