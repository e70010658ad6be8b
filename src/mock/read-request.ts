// An incoming request as the engine and the journal take it: method, path, query,
// headers (lower-case, as strings) and body (parsed JSON when it says JSON, else text).
import type { IncomingMessage } from "node:http";
import type { EngineRequest } from "./engine.js";

const MAX_BODY = 1024 * 1024;

/** A request body over the mock's cap: answered 413 once it has been read (and dropped). */
export class BodyTooLargeError extends Error {
  constructor() {
    super(`request body over ${MAX_BODY} bytes (1 MiB)`);
    this.name = "BodyTooLargeError";
  }
}

export async function readBody(request: IncomingMessage): Promise<string> {
  // Bytes first, decoded once: a character split across two chunks stays one character.
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    // Over the cap the rest is read and dropped, not kept: stopping mid-upload resets the
    // connection, and the client would see ECONNRESET instead of the 413.
    if (bytes <= MAX_BODY) chunks.push(chunk);
  }
  if (bytes > MAX_BODY) throw new BodyTooLargeError();
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(text: string, contentType = ""): unknown {
  if (text === "") return undefined;
  if (!/json/i.test(contentType)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function readRequest(url: URL, request: IncomingMessage): Promise<EngineRequest> {
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([k, v]) => [k, String(v)]),
  );
  const query: Record<string, string | string[]> = {};
  for (const key of url.searchParams.keys()) {
    const all = url.searchParams.getAll(key);
    query[key] = all.length === 1 ? (all[0] as string) : all;
  }
  const body = parseBody(await readBody(request), headers["content-type"]);
  return {
    method: (request.method ?? "GET").toUpperCase(),
    path: url.pathname,
    query,
    headers,
    body,
  };
}
