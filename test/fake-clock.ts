// A fake clock for tests against the fault server: setTimeout, clearTimeout and Date are
// fake, sockets stay real. The clock moves only when the client can be waiting on nothing
// but time, so a healthy answer can never lose a race against a timeout however busy the
// machine is, and a 1 s Retry-After costs no real second.
import type { Middleware } from "openapi-fetch";
import { afterEach, beforeEach, vi } from "vitest";
import type { AttemptEvent } from "../src/index.js";
import type { FaultServer } from "./fault-server.js";

/** Fake timers around every test of the calling file. */
export function useFakeClock() {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** What the client under test has done, as its own middleware and onAttempt hear it. */
export interface ClientWatch {
  /** Add to the client: counts requests started, notes when the latest has its headers. */
  middleware: Middleware;
  /** Pass as (or call from) markRewards' onAttempt. */
  onAttempt: (event: AttemptEvent) => void;
}

interface Progress {
  /** Requests the client has started. */
  sent: number;
  /** Whether the latest request has its response headers. */
  latestAnswered: boolean;
  /** Attempts markRewards has reported over. */
  attemptsOver: number;
  /** The back-off markRewards announced and has not yet slept. */
  backOffMs?: number;
}

// Captured before any test fakes the clock. Waiting on real I/O by the millisecond rather
// than spinning on setImmediate leaves the CPU to the server and the other test files.
const realSetTimeout = globalThis.setTimeout;
const realTurn = () => new Promise<void>((resolve) => realSetTimeout(resolve, 1));

/** Resolves once `condition` holds, checking after each real event-loop turn (no clock). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await realTurn();
}

/**
 * Settles `run(watch)` against `server`, moving the fake clock only when
 * - the client is backing off between attempts (by exactly the announced wait), or
 * - the server holds back the client's current request (to the next timer: the
 *   attempt's timeout, the call's cap, or the server's own delay), and, when it holds
 *   the body, the client already has the headers.
 * Otherwise real I/O is left to run. Returns the result and the fake time it took.
 */
export async function settle<T>(
  server: FaultServer,
  run: (watch: ClientWatch) => Promise<T>,
): Promise<{ result: T; elapsedMs: number }> {
  const progress: Progress = { sent: 0, latestAnswered: false, attemptsOver: 0 };
  const watch: ClientWatch = {
    middleware: {
      onRequest() {
        progress.sent++;
        progress.latestAnswered = false;
      },
      onResponse() {
        progress.latestAnswered = true;
      },
    },
    onAttempt(event) {
      progress.attemptsOver = event.attempt;
      progress.backOffMs = event.retryInMs;
    },
  };
  const started = Date.now();
  let settled = false;
  const call = run(watch).finally(() => {
    settled = true;
  });
  while (!settled) {
    const held = server.holdingLatest();
    if (progress.backOffMs !== undefined) {
      const ms = progress.backOffMs;
      progress.backOffMs = undefined;
      await vi.advanceTimersByTimeAsync(ms);
    } else if (
      held &&
      progress.sent === server.seen.length &&
      progress.attemptsOver < progress.sent &&
      (held === "headers" || progress.latestAnswered)
    ) {
      await vi.advanceTimersToNextTimerAsync();
    } else {
      await realTurn();
    }
  }
  return { result: await call, elapsedMs: Date.now() - started };
}
