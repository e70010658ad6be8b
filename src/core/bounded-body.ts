import type { Attempt } from "./abort-after.js";
import { ResponseTooLargeError } from "./errors/transport-errors.js";

export interface BodyGuard {
  readonly maxResponseBytes: number;
  readonly attempt: Attempt;
  /** Any failure of a read as a typed error. */
  fail(thrown: unknown): Error;
  /** "METHOD /path", for messages. */
  where(): string;
}

/**
 * How many chunks the bounded body reads before anyone asks. None, as a rule: reading
 * ahead at once doubled the CPU cost of the wrapper (measured: a pay's overhead over
 * openapi-fetch went from about 40% to 19%, bench/README.md). One when the answer says
 * its body is empty, which openapi-fetch then never reads: that read sees the end, so
 * the attempt's timer is cleared now rather than left to run to the deadline (the
 * bytes are still counted, should the header lie).
 */
const pullAhead = (response: Response) => (response.headers.get("content-length") === "0" ? 1 : 0);

/**
 * The same response, its body read chunk by chunk (already decompressed by fetch)
 * under the attempt's deadline and the size cap; the attempt is disposed once it ends.
 * An abort errors the body at once, whatever the read it interrupts is waiting on.
 */
export function boundedBody(
  response: Response,
  guard: BodyGuard,
  source: ReadableStream<Uint8Array> | null = response.body,
): Response {
  const { maxResponseBytes, attempt } = guard;
  if (!source) {
    attempt.dispose();
    return response;
  }
  const reader = source.getReader();
  let bytes = 0;
  let over = false;
  let stream!: ReadableStreamDefaultController<Uint8Array>;
  const stop = (error?: Error) => {
    if (over) return;
    over = true;
    attempt.dispose();
    if (error) {
      reader.cancel().catch(() => {});
      stream.error(error);
    }
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        stream = controller;
        // A stalled body must not hang the reader: the deadline or the caller ends it.
        attempt.onAbort((reason) => stop(guard.fail(reason)));
      },
      async pull(controller) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (thrown) {
          return stop(guard.fail(thrown));
        }
        if (over) return;
        if (chunk.done) {
          stop();
          controller.close();
          return;
        }
        bytes += chunk.value.byteLength;
        if (bytes > maxResponseBytes) {
          return stop(
            new ResponseTooLargeError(
              `${guard.where()}: answer body larger than maxResponseBytes (${maxResponseBytes}); not read further`,
              maxResponseBytes,
            ),
          );
        }
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        stop();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: pullAhead(response) },
  );
  const wrapped = new Response(body, response);
  Object.defineProperty(wrapped, "url", { value: response.url });
  return wrapped;
}
