import type { IDataObject, IExecuteFunctions, IHookFunctions, IHttpRequestMethods } from "n8n-workflow";

export interface MultiWaCredentials {
  baseUrl: string;
  apiKey: string;
}

/** One JSON call to the gateway with the node's credentials; n8n's helper throws on non-2xx answers. */
export async function multiWaRequest(this: IExecuteFunctions | IHookFunctions, method: IHttpRequestMethods, path: string, body?: IDataObject, qs?: IDataObject): Promise<unknown> {
  const credentials = (await this.getCredentials("multiWaApi")) as unknown as MultiWaCredentials;
  return this.helpers.httpRequest({
    method,
    baseURL: credentials.baseUrl.replace(/\/+$/, ""),
    url: path,
    headers: { "x-api-key": credentials.apiKey, accept: "application/json" },
    json: true,
    ...(body ? { body } : {}),
    ...(qs ? { qs } : {}),
  });
}

/** Comma- or newline-separated text as a clean list. */
export function splitList(value: string): string[] {
  return value.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
}

/** The HTTP status of a failed request, however the helper reported it (n8n wraps axios errors). */
export function httpStatus(error: unknown): number | undefined {
  const e = error as { httpCode?: string; status?: number; response?: { status?: number } };
  return e.response?.status ?? e.status ?? (e.httpCode ? Number(e.httpCode) : undefined);
}
