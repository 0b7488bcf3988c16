import { m as collectRefs, A as AUTHENTICATED, n as readMultipartFormData, d as apiError, p as parseJsonText, q as defineEventHandler, t as useMultiWA, w as authenticate, x as ANONYMOUS, y as parseInput, z as getRouterParams, B as getQuery, D as setBodyLimit, M as MEDIA_BODY_LIMIT, J as JSON_BODY_LIMIT, E as getRequestHeader, l as setResponseStatus, F as toHttpError, k as readRawBody } from '../nitro/nitro.mjs';
import { w as watchCredential, a as endRevoked } from './streams.mjs';

async function authorizeInputs(wa, principal, op, inputs) {
  var _a;
  const refs = [...collectRefs(op.params, inputs.params), ...collectRefs(op.query, inputs.query), ...collectRefs(op.body, inputs.body)];
  const permission = op.permission === AUTHENTICATED ? void 0 : op.permission;
  const fallbackWorkspace = (_a = principal.workspaceId) != null ? _a : "default";
  const resolution = refs.length ? await wa.access.authorize(principal, permission, refs, { fallbackWorkspace }) : {};
  if (op.actsIn === "workspace" && !resolution.workspace) resolution.workspace = await wa.access.workspaceIn(principal, permission, fallbackWorkspace);
  if (resolution.workspace) principal.actingIn = { id: resolution.workspace.id, organizationId: resolution.workspace.organizationId };
  if (resolution.organizationId) principal.actingInOrganization = resolution.organizationId;
  return resolution;
}

async function readMultipart(event) {
  var _a;
  const parts = await readMultipartFormData(event).catch((error) => {
    if (error.statusCode === 413) throw error;
    throw apiError(400, { code: "MALFORMED_MULTIPART", message: "The multipart body could not be read" });
  });
  const form = {};
  for (const part of parts != null ? parts : []) {
    if (!part.name) continue;
    if (part.filename !== void 0 || part.name === "file") {
      form.media = { base64: Buffer.from(part.data).toString("base64") };
      if (part.type && !form.mimetype) form.mimetype = part.type;
      if (part.filename) (_a = form.fileName) != null ? _a : form.fileName = part.filename;
      continue;
    }
    form[part.name] = parseField(part.name, part.data.toString("utf8"));
  }
  return form;
}
const NUMERIC = /* @__PURE__ */ new Set(["latitude", "longitude", "selectableCount"]);
function parseField(name, value) {
  const trimmed = value.trim();
  if (trimmed === "true" || trimmed === "false") return trimmed === "true";
  if (/^[[{]/.test(trimmed)) {
    try {
      return parseJsonText(trimmed, name);
    } catch (error) {
      if (error.statusCode) throw error;
      return value;
    }
  }
  if (NUMERIC.has(name) && /^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return value;
}

function defineApiHandler(op, run, options = {}) {
  const streaming = op.produces === "text/event-stream";
  return defineEventHandler(async (event) => {
    var _a, _b, _c;
    try {
      const wa = await useMultiWA();
      event.context.operation = op;
      const principal = op.permission ? await authenticate(event, wa, op.permission, { queryAllowed: streaming }) : ANONYMOUS;
      (_a = options.guard) == null ? void 0 : _a.call(options, principal);
      const params = op.params ? parseInput(op.params, getRouterParams(event, { decode: true }), "path") : void 0;
      const query = op.query ? parseInput(op.query, getQuery(event), "query") : void 0;
      let body = void 0;
      if (op.body) {
        setBodyLimit(event, ((_b = op.bodyTypes) == null ? void 0 : _b.length) ? MEDIA_BODY_LIMIT : JSON_BODY_LIMIT);
        const isMultipart = (_c = getRequestHeader(event, "content-type")) == null ? void 0 : _c.startsWith("multipart/form-data");
        const raw = isMultipart && options.multipart ? options.multipart(await readMultipart(event), { params }) : await readJson(event);
        body = parseInput(op.body, raw, "body");
      }
      event.context.auditBody = body;
      const { workspace } = op.permission ? await authorizeInputs(wa, principal, op, { params, query, body }) : { workspace: void 0 };
      if (streaming) closeOnRevocation(event, wa);
      const result = await run({ event, wa, principal, key: principal, workspace, workspaceId: workspace == null ? void 0 : workspace.id, params, query, body });
      if (op.status) setResponseStatus(event, op.status);
      return op.status === 204 ? null : result;
    } catch (error) {
      throw toHttpError(error);
    }
  });
}
function closeOnRevocation(event, wa) {
  const credential = event.context.credential;
  if (!credential) return;
  const stop = watchCredential(wa, credential.token, () => void endRevoked(event));
  event.node.req.once("close", stop);
  event.node.res.once("close", stop);
}
async function readJson(event) {
  var _a, _b;
  const type = (_a = getRequestHeader(event, "content-type")) != null ? _a : "";
  if (type && !type.includes("json")) throw apiError(415, { code: "UNSUPPORTED_MEDIA_TYPE", message: `Send the body as application/json, not ${type.split(";")[0]}` });
  const text = await readRawBody(event, "utf8");
  if (!(text == null ? void 0 : text.trim())) return {};
  try {
    return (_b = parseJsonText(text)) != null ? _b : {};
  } catch (error) {
    if (error.statusCode) throw error;
    throw apiError(400, { code: "MALFORMED_JSON", message: "The request body is not valid JSON" });
  }
}

export { defineApiHandler as d };
//# sourceMappingURL=handler.mjs.map
