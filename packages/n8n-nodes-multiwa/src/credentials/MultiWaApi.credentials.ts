import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from "n8n-workflow";

/** A gateway address and an API key; every request sends the key as `x-api-key`. */
export class MultiWaApi implements ICredentialType {
  name = "multiWaApi";
  displayName = "MultiWA API";
  properties: INodeProperties[] = [
    {
      displayName: "Base URL",
      name: "baseUrl",
      type: "string",
      default: "http://localhost:3000",
      placeholder: "https://wa.example.com",
      description: "Where the MultiWA gateway answers, without /api",
    },
    { displayName: "API Key", name: "apiKey", type: "string", typeOptions: { password: true }, default: "" },
  ];
  authenticate: IAuthenticateGeneric = {
    type: "generic",
    properties: { headers: { "x-api-key": "={{$credentials.apiKey}}" } },
  };
  // `/api/auth/me` answers 200 for any valid key, whatever its permissions.
  test: ICredentialTestRequest = {
    request: { baseURL: "={{$credentials.baseUrl.replace(/\\/+$/, '')}}", url: "/api/auth/me", method: "GET" },
  };
}
