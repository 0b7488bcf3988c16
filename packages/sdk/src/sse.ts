import { backoffDelay, sleep, type BackoffOptions } from "./backoff.js";
import { errorFromResponse } from "./errors.js";

/** One server-sent event; `data` is parsed JSON when it is JSON. */
export interface GatewayEvent {
  event: string;
  data: unknown;
  id?: string;
}

export interface EventStreamOptions extends BackoffOptions {
  /** Ends the stream (the iterator returns). */
  signal?: AbortSignal;
  /** Told about every (re)connection attempt's outcome, e.g. for logging. */
  onConnection?: (state: { connected: boolean; attempt: number; error?: unknown }) => void;
}

/**
 * Reads an SSE endpoint with fetch streaming (Node 20 and browsers alike) and reconnects with
 * backoff whenever the connection drops. The last event id is sent back as `Last-Event-ID`, so a
 * gateway that numbers its events can resume; 401/403/404 end the stream with the API error.
 */
export async function* streamEvents(
  options: EventStreamOptions & { url: string; headers: Record<string, string>; fetch: typeof fetch },
): AsyncGenerator<GatewayEvent> {
  const { signal } = options;
  let lastId: string | undefined;
  let attempt = 0;
  while (!signal?.aborted) {
    let response: Response | undefined;
    try {
      response = await options.fetch(options.url, {
        headers: { ...options.headers, accept: "text/event-stream", ...(lastId ? { "last-event-id": lastId } : {}) },
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) return;
      options.onConnection?.({ connected: false, attempt, error });
    }
    if (response && !response.ok) {
      const error = await errorFromResponse(response);
      // A refusal does not heal by retrying; a 5xx (e.g. a restarting gateway behind a proxy) may.
      if (response.status < 500 && response.status !== 429) throw error;
      options.onConnection?.({ connected: false, attempt, error });
    } else if (response?.body) {
      options.onConnection?.({ connected: true, attempt });
      attempt = 0;
      try {
        for await (const event of parseEventStream(response.body)) {
          if (event.id) lastId = event.id;
          yield event;
        }
      } catch (error) {
        if (signal?.aborted) return;
        options.onConnection?.({ connected: false, attempt, error });
      }
    }
    if (signal?.aborted) return;
    await sleep(backoffDelay(attempt++, options), signal);
  }
}

/** Parses a `text/event-stream` body into events (the WHATWG event-stream format). */
export async function* parseEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<GatewayEvent> {
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "message";
  let data: string[] = [];
  let id: string | undefined;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith("\r\n", newline) ? 2 : 1));
      if (line === "") {
        if (data.length) yield { event, data: parseData(data.join("\n")), ...(id ? { id } : {}) };
        event = "message";
        data = [];
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
      else if (field === "id") id = value;
    }
  }
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
