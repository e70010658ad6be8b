// Crash safety and races of a shared ledger, with real child processes against a
// stateful fake Prolific that pays again for every request it receives.
import { afterAll, describe, expect, it } from "vitest";
import {
  createBonusPayments,
  createProlificClient,
  type PayLedger,
  payBonuses,
  reconcilePayment,
} from "../../src/index.js";
import { removeBundles } from "./bundle.js";
import { startFakeProlific } from "./fake-prolific.js";
import type { PayJob } from "./pay-job.js";
import { runJob, startJob } from "./run-job.js";

const MINUTE = 60_000;
const LONG = 60_000; // children on a busy 2-core machine

type KillPoint = "after-claim" | "after-marked-sending" | "server-received" | "after-settle";

export function crashSuite(
  name: string,
  ledgerConfig: () => PayJob["ledger"],
  open: (config: PayJob["ledger"]) => PayLedger,
  /** How many database connections the jobs hold (Postgres), to prove one per process. */
  jobConnections?: () => Promise<number>,
) {
  afterAll(removeBundles);

  async function setUp(onPay?: (id: string) => "answer" | "hold") {
    const server = await startFakeProlific({ participants: ["p1", "p2"], ...(onPay && { onPay }) });
    const config = ledgerConfig();
    const ledger = open(config);
    const client = createProlificClient({ token: "parent-token-1", baseUrl: server.url });
    const made = await createBonusPayments(
      client,
      {
        studyId: server.studyId,
        bonuses: [
          { participantId: "p1", amount: "4.25" },
          { participantId: "p2", amount: "1.50" },
        ],
      },
      { ledger },
    );
    if (!made.ok) throw made.error;
    const id = made.payment.id;
    const job = { ledger: config, baseUrl: server.url, id };
    const close = async () => {
      await ledger.close();
      await server.close();
    };
    return { server, ledger, client, id, job, close };
  }

  async function withSetUp(
    onPay: ((id: string) => "answer" | "hold") | undefined,
    test: (t: Awaited<ReturnType<typeof setUp>>) => Promise<void>,
  ) {
    const t = await setUp(onPay);
    try {
      await test(t);
    } finally {
      await t.close();
    }
  }

  describe(`${name} ledger: kill -9 at each point, then the job runs again`, () => {
    it.each<[KillPoint, number, string, "not-paid" | "paid"]>([
      ["after-claim", 0, "in-flight", "not-paid"],
      ["after-marked-sending", 0, "in-flight", "not-paid"],
      ["server-received", 1, "in-flight", "paid"],
      ["after-settle", 1, "accepted", "paid"],
    ])(
      "killed %s: %i pay(s) seen, rerun refused (%s), reconciled %s; never a second pay",
      async (point, paysAtKill, state, finding) => {
        let victim: number | undefined;
        const hold =
          point === "server-received"
            ? () => {
                process.kill(victim!, "SIGKILL"); // the server has the pay; the client dies
                return "hold" as const;
              }
            : undefined;
        await withSetUp(hold, async (t) => {
          const killAt = point === "server-received" ? undefined : point;
          const running = await startJob({ ...t.job, ...(killAt && { killAt }) });
          victim = running.child.pid;
          const killed = await running.done;
          expect(killed.signal, killed.stderr).toBe("SIGKILL");
          expect(t.server.pays).toHaveLength(paysAtKill);

          // The re-run (a retry, a second worker) is refused, naming the dead process.
          const rerun = await runJob(t.job);
          expect(rerun.result?.duplicate, rerun.stderr).toMatchObject({
            previous: state,
            claim: { pid: victim },
          });
          expect(t.server.pays).toHaveLength(paysAtKill);
          expect(await t.ledger.listOpen()).toHaveLength(state === "in-flight" ? 1 : 0);

          // Reconciliation reads, never pays; inside the settle window an empty answer is not final.
          const early = await reconcilePayment(t.client, { ledger: t.ledger, id: t.id });
          const late = await reconcilePayment(t.client, {
            ledger: t.ledger,
            id: t.id,
            now: () => Date.now() + 31 * MINUTE,
          });
          expect(late.finding).toBe(finding);
          if (point === "after-marked-sending") expect(early.finding).toBe("still-unknown");
          else expect(early.finding).toBe(finding);
          expect(t.server.pays).toHaveLength(paysAtKill);

          // Only the operator's verdict frees the id, and only a not-paid one.
          await t.ledger.resolve(
            t.id,
            finding,
            `test: reconciled ${finding} after a kill ${point}`,
          );
          // (Paid from this process now: any handle on the ledger is bound by it.)
          const again = payBonuses(t.client, t.id, { ledger: t.ledger });
          if (finding === "not-paid")
            await expect(again).resolves.toMatchObject({ outcome: "accepted" });
          else
            await expect(again).rejects.toMatchObject({
              previous: "resolved",
              claim: { verdict: "paid" },
            });
          expect(t.server.pays).toHaveLength(1); // exactly one pay ever reached the server
          expect(t.server.errors).toEqual([]);
        });
      },
      LONG,
    );
  });

  describe(`${name} ledger: 8 processes pay the same id at once`, () => {
    it(
      "the server sees exactly one pay; the other 7 get DuplicatePayError",
      async () => {
        await withSetUp(undefined, async (t) => {
          const jobs = await Promise.all(
            Array.from({ length: 8 }, () => startJob({ ...t.job, barrier: true })),
          );
          await Promise.all(jobs.map((j) => j.ready));
          if (jobConnections) expect(await jobConnections()).toBe(8);
          for (const j of jobs) j.go();
          const results = await Promise.all(jobs.map((j) => j.done));
          for (const r of results) expect(r.code, r.stderr).toBe(0);
          const accepted = results.filter((r) => r.result?.outcome === "accepted");
          const refused = results.filter((r) => r.result?.duplicate);
          expect(accepted).toHaveLength(1);
          expect(refused).toHaveLength(7);
          const winner = jobs[results.indexOf(accepted[0]!)]!.child.pid;
          // Each loser was told who holds it: the winner (its claim may still be in flight).
          for (const r of refused)
            expect(r.result?.duplicate?.claim).toMatchObject({ pid: winner });
          expect(t.server.pays).toEqual([t.id]);
        });
      },
      LONG,
    );
  });
}
