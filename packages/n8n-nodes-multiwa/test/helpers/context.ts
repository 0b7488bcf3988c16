import type { IDataObject, IHttpRequestOptions, INodeExecutionData, INodeProperties } from "n8n-workflow";

/** Credentials as the n8n credential form would hold them. */
export interface FakeCredentials {
  baseUrl: string;
  apiKey: string;
}

/** n8n's `helpers.httpRequest`, done with fetch: JSON in and out, throws on non-2xx like n8n (status on `response.status`). */
export async function httpRequest(options: IHttpRequestOptions): Promise<unknown> {
  const url = new URL(`${options.baseURL ?? ""}${options.url}`);
  for (const [k, v] of Object.entries(options.qs ?? {})) url.searchParams.set(k, String(v));
  const headers = new Headers(options.headers as Record<string, string>);
  let body: string | undefined;
  if (options.body !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(options.body);
  }
  const res = await fetch(url, { method: options.method ?? "GET", headers, body });
  const text = await res.text();
  const data = text && (res.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : text;
  // The message is axios's, as real n8n throws it: the gateway's body is only on `response.data`.
  if (!res.ok && !options.ignoreHttpStatusErrors)
    throw Object.assign(new Error(`Request failed with status code ${res.status}`), {
      response: { status: res.status, data },
    });
  return options.returnFullResponse
    ? { statusCode: res.status, headers: Object.fromEntries(res.headers), body: data }
    : data;
}

/**
 * `getNodeParameter` as n8n resolves it: the value set on the node, else the declared default.
 * Reading a parameter the description does not show for the current resource/operation throws,
 * so a test catches a field the UI would never let a user fill in.
 */
export function parameterReader(properties: INodeProperties[], params: IDataObject) {
  const visible = (p: INodeProperties): boolean =>
    Object.entries(p.displayOptions?.show ?? {}).every(([key, allowed]) =>
      (allowed as unknown[]).includes(params[key] ?? properties.find((q) => q.name === key && visible(q))?.default),
    );
  return (name: string, _item?: number | unknown, fallback?: unknown) => {
    const declared = properties.find((p) => p.name === name && visible(p));
    if (!declared)
      throw new Error(
        `parameter "${name}" is not shown for ${JSON.stringify({ resource: params.resource, operation: params.operation })}`,
      );
    if (params[name] !== undefined) return params[name];
    return fallback !== undefined ? fallback : declared.default;
  };
}

export const fakeNode = {
  id: "node-1",
  name: "MultiWA",
  type: "n8n-nodes-multiwa.multiWa",
  typeVersion: 1,
  position: [0, 0] as [number, number],
  parameters: {},
};

/** A minimal IExecuteFunctions: one set of parameters for every item, binary data from the items. */
export function executeContext(
  properties: INodeProperties[],
  params: IDataObject,
  credentials: FakeCredentials,
  items: INodeExecutionData[] = [{ json: {} }],
) {
  const getNodeParameter = parameterReader(properties, params);
  return {
    getInputData: () => items,
    getNodeParameter,
    getCredentials: async () => credentials,
    getNode: () => fakeNode,
    continueOnFail: () => false,
    helpers: {
      httpRequest,
      assertBinaryData(i: number, property: string) {
        const binary = items[i]?.binary?.[property];
        if (!binary) throw new Error(`item ${i} has no binary property "${property}"`);
        return binary;
      },
      async getBinaryDataBuffer(i: number, property: string) {
        return Buffer.from(items[i]!.binary![property]!.data, "base64");
      },
    },
  };
}

/** A minimal IHookFunctions (activation/deactivation of a trigger) sharing its static data with the webhook context. */
export function hookContext(
  properties: INodeProperties[],
  params: IDataObject,
  credentials: FakeCredentials,
  webhookUrl: string,
  staticData: IDataObject,
) {
  const read = parameterReader(properties, params);
  return {
    getNodeParameter: (name: string, fallback?: unknown) => read(name, 0, fallback),
    getCredentials: async () => credentials,
    getNode: () => fakeNode,
    getNodeWebhookUrl: () => webhookUrl,
    getWorkflowStaticData: () => staticData,
    getWorkflow: () => ({ id: "wf-1", name: "test", active: true }),
    helpers: { httpRequest },
  };
}
