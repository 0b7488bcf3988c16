import { sampleBodies } from "./authz-samples.js";
import type { RunningServer } from "./server.js";
import { call, PEER, PHONES, type Json, type Tenants } from "./tenants.js";

// The per-operation half of the authorization matrix (issue #17), shared by the main run and the
// demo-mode run (authz-matrix-demo.test.ts): demo routes exist only on a gateway with MULTIWA_DEMO=1.

export interface Op {
  id: string;
  method: string;
  path: string;
  permission: string;
  query: Json[];
  /** Path parameters that name resources (x-resource). */
  pathRefs: string[];
  body?: Json;
  stream: boolean;
}

/** The OpenAPI document's operations that take a permission and pass `include`, with the `last` ones at the end in that order. */
export function operations(doc: Json, include: (path: string) => boolean, last: string[] = []): Op[] {
  const ops: Op[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op["x-permission"] || !include(path)) continue;
      ops.push({
        id: op.operationId,
        method,
        path,
        permission: op["x-permission"],
        query: (op.parameters ?? []).filter((p: Json) => p.in === "query"),
        pathRefs: (op.parameters ?? [])
          .filter((p: Json) => p.in === "path" && p.schema["x-resource"])
          .map((p: Json) => p.name),
        body: op.requestBody?.content?.["application/json"]?.schema,
        stream: !!op.responses?.["200"]?.content?.["text/event-stream"],
      });
    }
  }
  return ops.sort((a, b) => last.indexOf(a.id) - last.indexOf(b.id));
}

export const orgLevel = (op: Op) => op.path.includes("{orgId}");

/** Dotted paths (`profileIds.*`) of body fields that name resources, read from the JSON Schema. */
export function resourcePaths(schema: Json, prefix = ""): { path: string; kind: string }[] {
  if (!schema || typeof schema !== "object") return [];
  if (schema["x-resource"]) return [{ path: prefix, kind: schema["x-resource"] }];
  const out: { path: string; kind: string }[] = [];
  for (const [k, v] of Object.entries(schema.properties ?? {}))
    out.push(...resourcePaths(v, prefix ? `${prefix}.${k}` : k));
  if (schema.items) out.push(...resourcePaths(schema.items, `${prefix}.*`));
  for (const key of ["anyOf", "oneOf", "allOf"])
    for (const s of schema[key] ?? []) out.push(...resourcePaths(s, prefix));
  if (schema.additionalProperties && typeof schema.additionalProperties === "object")
    out.push(...resourcePaths(schema.additionalProperties, `${prefix}.*`));
  return out;
}

/** Replaces every value at `path` in `value` (arrays and records by `*`) with `id`; true when one was there. */
function swap(value: Json, path: string[], id: string): boolean {
  if (!value || typeof value !== "object") return false;
  const [head, ...rest] = path;
  const keys = head === "*" ? Object.keys(value) : [head!];
  let hit = false;
  for (const k of keys) {
    if (!(k in value)) continue;
    if (!rest.length) {
      if (typeof value[k] === "string") ((value[k] = id), (hit = true));
    } else hit = swap(value[k], rest, id) || hit;
  }
  return hit;
}

export interface MatrixRun {
  server: RunningServer;
  tenants: Tenants;
  /** Operations only a gateway administrator may call (no tenant key is "right" for them). */
  gatewayOnly?: Set<string>;
  /** Right-tenant calls whose answer is a business 4xx, not an authorization one (the reason is the value). */
  business4xx?: Record<string, [number, string]>;
  /** Path parameters that are no resource of a1's (a chat, a phone number), when a run needs its own. */
  pathValues?: Record<string, string>;
}

/** The matrix over one gateway: who the victim is, and how every call is made and judged. */
export function matrix(run: MatrixRun) {
  const { server, tenants: t } = run;
  let nonce = 0;

  /** Path values naming the tenant's resources (ids the schema marks with x-resource) or its sub-resources. */
  function fill(op: Op, ids: Record<string, string>, query: Record<string, string> = {}): string {
    const values: Record<string, string> = {
      id: ids.profile!,
      profileId: ids.profile!,
      orgId: ids.organization!,
      workspaceId: ids.workspace!,
      webhookId: ids.webhook!,
      transportId: ids.transport!,
      keyId: ids.key!,
      userId: ids.user ?? "u_missing",
      campaignId: ids.campaign!,
      contactId: ids.contact!,
      templateId: ids.template!,
      ruleId: ids.rule!,
      flowId: ids.flow!,
      messageId: ids.message!,
      chatId: PEER,
      groupId: encodeURIComponent(ids.group!),
      statusId: ids.status!,
      channelId: ids.channel!,
      labelId: ids.label!,
      templateName: ids.businessTemplate!,
      jid: PEER,
      deliveryId: "d-missing",
      type: "text",
      phone: PEER,
      ...run.pathValues,
    };
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? name);
    const search = new URLSearchParams(query);
    for (const p of op.query)
      if (p.required && p.schema["x-resource"] && !search.has(p.name)) search.set(p.name, ids[p.schema["x-resource"]]!);
    return search.size ? `${path}?${search}` : path;
  }

  /** Ids of a1 that must never show up in another tenant's answers. */
  const leaks = (body: Json, sameOrganization = false, caller?: string) => {
    // Audit entries of the caller's own (denied) attempts quote the ids it tried: those are not leaks.
    const own = caller?.split("_")[1];
    const items = Array.isArray(body) && own ? body.filter((e: Json) => e?.actor?.id !== own) : body;
    const text = JSON.stringify(items ?? "");
    return Object.entries(t.a1)
      .filter(
        ([kind, id]) => kind !== "user" && !(sameOrganization && kind === "organization") && text.includes(`"${id}"`),
      )
      .map(([kind]) => kind);
  };

  type Mutate = (body: Json) => void;
  async function request(
    op: Op,
    key: string,
    ids: Record<string, string>,
    mutate?: Mutate,
    query?: Record<string, string>,
  ) {
    const samples = sampleBodies({ ...ids, phone: PHONES.pa1 }, `${Date.now().toString(36)}${nonce++}`);
    const body = op.body ? structuredClone(samples[op.id]) : undefined;
    if (op.body && body === undefined)
      throw new Error(`no sample body for ${op.id}: add one to helpers/authz-samples.ts`);
    mutate?.(body);
    const path = fill(op, ids, query);
    // Whether this call names one of a1's resources (then no other tenant may get a 2xx). Contact ids are
    // phone digits, scoped by workspace: the same id in another workspace is that workspace's own contact.
    const named =
      op.pathRefs.length > 0 ||
      op.query.some((p) => p.required && p.schema["x-resource"]) ||
      leaks(body).some((kind) => kind !== "contact");
    if (op.stream) {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), 5000);
      const res = await server.api(path, { key, signal: abort.signal }).finally(() => clearTimeout(timer));
      const status = res.status;
      const text = status >= 300 ? await res.text() : "";
      abort.abort();
      return { status, body: text ? JSON.parse(text) : null, named };
    }
    return {
      ...(await call(server, path, {
        method: op.method.toUpperCase(),
        key,
        ...(body !== undefined ? { json: body } : {}),
      })),
      named,
    };
  }

  /** Foreign keys get 404/403, keys without the permission 403, the right tenant 2xx (or its business 4xx): the problems found. */
  async function check(ops: Op[]): Promise<string[]> {
    const problems: string[] = [];
    for (const op of ops) {
      const wide = orgLevel(op);
      const missing =
        op.permission === "analytics.read"
          ? wide
            ? t.keys.a1OrgMissingAlt
            : t.keys.a1MissingAlt
          : wide
            ? t.keys.a1OrgMissing
            : t.keys.a1Missing;
      const foreign = { "foreign organization": t.keys.betaOrg, "foreign workspace": t.keys.a2 };
      for (const [who, key] of Object.entries(foreign)) {
        const res = await request(op, key, t.a1);
        const where = `${op.id} by ${who} → ${res.status} ${res.body?.code ?? ""}`;
        if (res.status >= 500) problems.push(`${where}: server error`);
        const leaked = res.status < 300 ? leaks(res.body, who === "foreign workspace", key) : [];
        if (res.named && !(who === "foreign workspace" && op.permission === "authenticated") && res.status < 300)
          problems.push(`${where}: acted on a1's resources`);
        else if (leaked.length) problems.push(`${where}: leaked ${leaked.join(", ")}`);
        else if (res.named && res.status >= 300 && ![403, 404].includes(res.status))
          problems.push(`${where}: expected 403/404`);
      }
      if (op.permission !== "authenticated") {
        const res = await request(op, missing, t.a1);
        if (res.status !== 403)
          problems.push(`${op.id} without \`${op.permission}\` → ${res.status} ${res.body?.code ?? ""}: expected 403`);
      }
      // The right tenant naming a foreign resource in the body or the query string: looks missing.
      const right = run.gatewayOnly?.has(op.id) ? server.key : wide ? t.keys.a1Org : t.keys.a1;
      for (const { path, kind } of resourcePaths(op.body)) {
        if (!t.b1[kind]) continue;
        let hit = false;
        const res = await request(op, right, t.a1, (body) => (hit = swap(body, path.split("."), t.b1[kind]!)));
        if (hit && res.status !== 404)
          problems.push(
            `${op.id} naming b1's ${kind} in body.${path} → ${res.status} ${res.body?.code ?? ""}: expected 404`,
          );
      }
      for (const p of op.query.filter((q) => q.schema["x-resource"] && t.b1[q.schema["x-resource"]])) {
        const res = await request(op, right, t.a1, undefined, { [p.name]: t.b1[p.schema["x-resource"]]! });
        if (res.status !== 404)
          problems.push(
            `${op.id} naming b1's ${p.schema["x-resource"]} in ?${p.name}= → ${res.status} ${res.body?.code ?? ""}: expected 404`,
          );
      }
      const res = await request(op, right, t.a1);
      const expected = run.business4xx?.[op.id];
      if (res.status >= 300 && !(expected && res.status === expected[0]))
        problems.push(
          `${op.id} by the right tenant → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}: expected 2xx`,
        );
    }
    return problems;
  }

  return { check, leaks };
}
