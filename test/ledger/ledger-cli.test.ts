// The payouts-ledger command over a file ledger, run in this process (runLedgerCli); the
// bin itself, as a process, is tested by test/tooling/ledger-cli-bin.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  createBonusPayments,
  createProlificClient,
  fileLedger,
  payBonuses,
} from "../../src/index.js";
import { type FakeProlific, startFakeProlific } from "./fake-prolific.js";
import {
  type CliRun,
  HOSTILE_CLAIM,
  HOSTILE_HOST_ESCAPED,
  leaveClaim,
  runCliHere,
} from "./run-cli.js";

const TOKEN = "cli-secret-token-4242";
const dir = mkdtempSync(join(tmpdir(), "payouts-cli-"));
const participants = Array.from({ length: 25 }, (_, i) => `p${i}`);
let server: FakeProlific;
let unknownId: string;
const runs: CliRun[] = [];

const cli = async (...args: string[]) => {
  const run = await runCliHere(["--dir", dir, ...args], { PROLIFIC_TOKEN: TOKEN });
  runs.push(run);
  return run;
};

// Made by the first test that needs it, inside that test: code run in beforeAll counts
// for no test, and StrykerJS would re-run every test for each mutant it reaches.
let ready: Promise<void> | undefined;
const setUp = () =>
  (ready ??= (async () => {
    server = await startFakeProlific({ participants, payStatus: 503 });
    const client = createProlificClient({ token: TOKEN, baseUrl: server.url });
    const ledger = fileLedger(dir);
    const bonuses = participants.map((p) => ({ participantId: p, amount: "0.50" }));
    const made = await createBonusPayments(
      client,
      { studyId: server.studyId, bonuses },
      { ledger },
    );
    if (!made.ok) throw made.error;
    unknownId = made.payment.id;
    expect((await payBonuses(client, unknownId, { ledger })).outcome).toBe("unknown");
    await ledger.claim("claimed-by-this-test"); // in flight, held by a process that still runs
  })());
afterAll(async () => {
  for (const run of runs) expect(run.stdout + run.stderr).not.toContain(TOKEN);
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("payouts-ledger", () => {
  it("list shows what needs an operator: the unknown pay and the one in flight", async () => {
    await setUp();
    const { code, stdout } = await cli("list");
    expect(code).toBe(0);
    expect(stdout).toContain(`2 open entries in file ${dir}`);
    expect(stdout).toMatch(new RegExp(`${unknownId}  unknown  attempt 1 .* sent`));
    expect(stdout).toMatch(/claimed-by-this-test {2}in-flight .* pid \d+ {2}not sent/);
  });

  it("show prints the entry as JSON", async () => {
    await setUp();
    const { code, stdout } = await cli("show", unknownId);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      id: unknownId,
      state: "unknown",
      setUp: { rows: expect.any(Array) },
    });
  });

  it("reconcile reads every submission with progress, never pays, and says what to do next", async () => {
    await setUp();
    const pays = server.pays.length;
    const early = await cli("reconcile", unknownId, "--base-url", server.url);
    expect(early.code).toBe(0);
    expect(early.stdout).toContain(`${unknownId}: still-unknown`);
    expect(early.stdout).not.toContain("Next"); // nothing to resolve yet: reconcile again later
    expect(early.stderr.trim().split("\n")).toEqual([
      "read 2/25 submissions",
      "read 4/25 submissions",
      "read 6/25 submissions",
      "read 8/25 submissions",
      "read 10/25 submissions",
      "read 12/25 submissions",
      "read 14/25 submissions",
      "read 16/25 submissions",
      "read 18/25 submissions",
      "read 20/25 submissions",
      "read 22/25 submissions",
      "read 24/25 submissions",
      "read 25/25 submissions",
    ]);
    const late = await cli(
      "reconcile",
      unknownId,
      "--base-url",
      server.url,
      "--settle-window-minutes",
      "0",
    );
    expect(late.stdout).toContain(`${unknownId}: not-paid`);
    expect(late.stdout).toContain("p3  0.50 (50 minor units)  appeared 0×  in sub-p3");
    expect(late.stdout).toContain(`payouts-ledger resolve ${unknownId} --verdict not-paid`);
    expect(server.pays).toHaveLength(pays);
  });

  it("resolve frees a not-paid id, and refuses an entry whose process still runs", async () => {
    await setUp();
    const live = await cli(
      "resolve",
      "claimed-by-this-test",
      "--verdict",
      "not-paid",
      "--note",
      "test",
    );
    expect(live).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/still runs on this host/),
    });
    const forced = await cli(
      "resolve",
      "claimed-by-this-test",
      "--verdict",
      "not-paid",
      "--note",
      "test",
      "--force",
    );
    expect(forced.code).toBe(0);
    // A pay that left is freed only once the submissions show nothing arrived.
    const reads = server.reads.length;
    const done = await cli(
      "resolve",
      unknownId,
      "--verdict",
      "not-paid",
      "--note",
      "ops: nothing after 30 min",
      "--base-url",
      server.url,
      "--settle-window-minutes",
      "0",
    );
    expect(server.reads.length).toBeGreaterThan(reads);
    expect(done).toMatchObject({ code: 0, stdout: expect.stringContaining("The id is free") });
    expect((await cli("list")).stdout).toContain("0 open entries");
    // Reconciled again once resolved: the finding, and no "Next" (it is resolved already).
    const after = await cli(
      "reconcile",
      unknownId,
      "--base-url",
      server.url,
      "--settle-window-minutes",
      "0",
    );
    expect(after.stdout).toMatch(
      new RegExp(`^${unknownId}: not-paid\n  nothing appeared within the settle window`),
    );
    expect(after.stdout).not.toContain("Next");
    const again = await cli("resolve", unknownId, "--verdict", "paid", "--note", "twice");
    expect(again).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/is resolved in the ledger/),
    });
  });

  it("refuses to free a pay that the submissions show arrived, unless told to override", async () => {
    await setUp();
    const paying = await startFakeProlific({ participants: ["q1", "q2"], onPay: () => "hold" });
    try {
      const client = createProlificClient({ token: TOKEN, baseUrl: paying.url, timeoutMs: 300 });
      const ledger = fileLedger(dir);
      const bonuses = [
        { participantId: "q1", amount: "1.00" },
        { participantId: "q2", amount: "2.00" },
      ];
      const made = await createBonusPayments(
        client,
        { studyId: paying.studyId, bonuses },
        { ledger },
      );
      if (!made.ok) throw made.error;
      const id = made.payment.id;
      // Processed, but the answer never came: unknown, and in fact paid.
      expect((await payBonuses(client, id, { ledger })).outcome).toBe("unknown");
      const against = ["--base-url", paying.url, "--settle-window-minutes", "0"];
      const refused = await cli("resolve", id, "--verdict", "not-paid", "--note", "x", ...against);
      expect(refused).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/reconciliation finds paid, not not-paid/),
      });
      expect((await ledger.get(id))?.state).toBe("unknown");
      const overridden = await cli(
        "resolve",
        id,
        "--verdict",
        "not-paid",
        "--note",
        "checked by hand",
        "--override-finding",
      );
      expect(overridden).toMatchObject({
        code: 0,
        stdout: expect.stringContaining("The id is free"),
      });
      expect(paying.pays).toEqual([id]);
    } finally {
      await paying.close();
    }
  });

  it("says what is wrong, with exit code 2 for usage and 1 for refusals", async () => {
    await setUp();
    expect((await runCliHere(["list"])).code).toBe(2);
    expect((await runCliHere(["list", "--postgres"])).stderr).toMatch(
      /PAYOUTS_LEDGER_DATABASE_URL/,
    );
    expect((await cli("frobnicate", "x")).code).toBe(2);
    expect((await cli("show")).code).toBe(2);
    expect((await runCliHere(["reconcile", "x", "--dir", dir])).stderr).toMatch(/PROLIFIC_TOKEN/);
    const bad = await cli("resolve", unknownId, "--verdict", "maybe", "--note", "x");
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/verdict/) });
    expect((await cli("show", "not-there")).code).toBe(1);
    const typo = await runCliHere(["list", "--dir", `${dir}-typo`]);
    expect(typo).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no pay ledger at .*-typo/),
    });
  });

  it("never prints raw control characters a hand-edited ledger holds", async () => {
    await setUp();
    leaveClaim(dir, HOSTILE_CLAIM);
    const { stdout } = await cli("list");
    expect(stdout).not.toContain("\u001b");
    expect(stdout).toContain(`by ${HOSTILE_HOST_ESCAPED} pid 1`);
  });
});
