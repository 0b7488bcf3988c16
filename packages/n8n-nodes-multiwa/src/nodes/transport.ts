import type { IDataObject, IExecuteFunctions, IHookFunctions, IHttpRequestMethods } from "n8n-workflow";
import { gatewayError } from "./errors";

export { httpStatus } from "./errors";

export interface MultiWaCredentials {
  baseUrl: string;
  apiKey: string;
}

/** One JSON call to the gateway with the node's credentials; a refusal throws the gateway's own error. */
export async function multiWaRequest(
  this: IExecuteFunctions | IHookFunctions,
  method: IHttpRequestMethods,
  path: string,
  body?: IDataObject,
  qs?: IDataObject,
): Promise<unknown> {
  const credentials = (await this.getCredentials("multiWaApi")) as unknown as MultiWaCredentials;
  try {
    return await this.helpers.httpRequest({
      method,
      baseURL: credentials.baseUrl.replace(/\/+$/, ""),
      url: path,
      headers: { "x-api-key": credentials.apiKey, accept: "application/json" },
      json: true,
      ...(body ? { body } : {}),
      ...(qs ? { qs } : {}),
    });
  } catch (error) {
    throw gatewayError(this.getNode(), error);
  }
}

/** Comma- or newline-separated text as a clean list. */
export function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
