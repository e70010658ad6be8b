// payouts-ledger's edges, in this process (runLedgerCli): help, which ledger, bad flags,
// settings from the environment, progress on small payments, and which verdicts read
// Prolific first.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  createBonusPayments,
  createProlificClient,
  fileLedger,
  payBonuses,
} from "../../src/index.js";
import { LEDGER_CLI_HELP } from "../../src/prolific/ledger-cli-run.js";
import { type FakeProlific, startFakeProlific } from "./fake-prolific.js";
import { runCliHere as cli, leaveClaim } from "./run-cli.js";

const TOKEN = "edges-secret-token-77";
let dir: string;
let server: FakeProlific;

// Made by the first test that needs it, inside that test: code run in beforeAll counts
// for no test, and StrykerJS would re-run every test for each mutant it reaches.
let ready: Promise<void> | undefined;
const setUp = () =>
  (ready ??= (async () => {
    dir = mkdtempSync(join(tmpdir(), "payouts-cli-edges-"));
    fileLedger(dir); // makes claims/
    await fileLedger(dir).listOpen();
    // Pays are answered 503 (nothing paid): a pay that was sent and is unknown.
    server = await startFakeProlific({ participants: ["a", "b", "c"], payStatus: 503 });
  })());
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** An entry as another process left it: in flight, claimed on `host` by `pid`. */
const leaveInFlight = (id: string, host: string, pid: number, extra: object = {}) =>
  leaveClaim(dir, {
    id,
    state: "in-flight",
    attempt: 1,
    claim: { at: "2026-01-01T00:00:00Z", host, pid },
    ...extra,
  });

/** A pay of `bonuses` that was sent and got no answer it could trust: unknown, with a snapshot. */
async function unknownPayment(bonuses: { participantId: string; amount: string }[]) {
  const client = createProlificClient({ token: TOKEN, baseUrl: server.url });
  const ledger = fileLedger(dir);
  const made = await createBonusPayments(client, { studyId: server.studyId, bonuses }, { ledger });
  if (!made.ok) throw made.error;
  expect((await payBonuses(client, made.payment.id, { ledger })).outcome).toBe("unknown");
  return made.payment.id;
}

describe("payouts-ledger edges", () => {
  it("--help and -h print the usage on stdout, need no ledger, and exit 0", async () => {
    await setUp();
    for (const flag of ["--help", "-h"]) {
      const run = await cli([flag]);
      expect(run).toEqual({ code: 0, stdout: `${LEDGER_CLI_HELP}\n`, stderr: "" });
    }
    expect(LEDGER_CLI_HELP).toContain("verdict (paid, paid-twice, partial, not-paid)");
  });

  it("takes the ledger from --dir, else PAYOUTS_LEDGER_DIR; refuses both --dir and --postgres", async () => {
    await setUp();
    const fromEnv = await cli(["list"], { PAYOUTS_LEDGER_DIR: dir });
    expect(fromEnv).toMatchObject({ code: 0, stdout: `0 open entries in file ${dir}\n` });
    const flagWins = await cli(["list", "--dir", dir], { PAYOUTS_LEDGER_DIR: `${dir}-nowhere` });
    expect(flagWins.code).toBe(0);
    const both = await cli(["list", "--dir", dir, "--postgres"]);
    expect(both).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "payouts-ledger: choose --dir or --postgres, not both\nRun payouts-ledger --help for usage.\n",
    });
    const none = await cli(["list"]);
    expect(none.stderr).toContain("say which ledger: --dir <path> or --postgres");
    expect(none.code).toBe(2);
  });

  it("usage errors exit 2 with a pointer to --help; an unknown flag too", async () => {
    await setUp();
    for (const args of [[], ["show", "a", "b"], ["list", "--frobnicate"], ["resolve"]]) {
      const run = await cli([...args, "--dir", dir]);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(/\nRun payouts-ledger --help for usage\.\n$/);
    }
    expect((await cli(["resolve", "--dir", dir])).stderr).toMatch(
      /^payouts-ledger: resolve needs an <id>\n/,
    );
    expect((await cli(["--dir", dir])).stderr).toMatch(/^payouts-ledger: give one command\n/);
  });

  it("lists one entry as 'entry', says what to do next, and prints each field", async () => {
    await setUp();
    leaveInFlight("lonely", "elsewhere", 4242, { sending: { at: "2026-01-01T00:00:01Z" } });
    const run = await cli(["list", "--dir", dir]);
    expect(run.stdout).toBe(
      `1 open entry in file ${dir}\n` +
        "  lonely  in-flight  attempt 1  claimed 2026-01-01T00:00:00Z by elsewhere pid 4242  sent\n" +
        "Next: payouts-ledger reconcile <id>\n",
    );
    // Claimed on another host: nothing here can say whether it still runs; no --force needed.
    const freed = await cli([
      "resolve",
      "lonely",
      "--dir",
      dir,
      "--verdict",
      "paid",
      "--note",
      "ops",
    ]);
    expect(freed).toMatchObject({ code: 0, stderr: "" });
    expect(freed.stdout).toBe(
      `lonely: resolved as paid in file ${dir}\n` +
        "  The id stays refused: paying it again would pay the participants again.\n",
    );
    expect((await cli(["list", "--dir", dir])).stdout).toBe(`0 open entries in file ${dir}\n`);
  });

  it("resolves an entry whose claiming process on this host is gone, without --force", async () => {
    await setUp();
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    leaveInFlight("orphan", hostname(), gone);
    const run = await cli([
      "resolve",
      "orphan",
      "--dir",
      dir,
      "--verdict",
      "not-paid",
      "--note",
      "x",
    ]);
    // Never sent: nothing to reconcile, so Prolific is not read and no token is needed.
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("The id is free: a new pay may be sent.");
  });

  it("reads the token and base URL from the environment; refuses a bad settle window", async () => {
    await setUp();
    const id = await unknownPayment(
      ["a", "b", "c"].map((participantId) => ({ participantId, amount: "1.25" })),
    );
    const env = { PROLIFIC_TOKEN: TOKEN, PROLIFIC_BASE_URL: server.url };
    for (const minutes of ["abc", "-1", "Infinity"]) {
      const flag = `--settle-window-minutes=${minutes}`;
      const bad = await cli(["reconcile", id, "--dir", dir, flag], env);
      expect(bad.code, minutes).toBe(2);
      expect(bad.stderr, minutes).toContain("--settle-window-minutes must be a number ≥ 0");
    }
    const reads = server.reads.length;
    const run = await cli(["reconcile", id, "--dir", dir, "--settle-window-minutes", "0"], env);
    expect(run.code).toBe(0);
    expect(server.reads.length).toBeGreaterThan(reads);
    // Sent, nothing arrived: three rows, and a progress line per submission read (3 < 10).
    expect(run.stdout).toContain(`${id}: not-paid`);
    expect(run.stdout).toContain("  a  1.25 (125 minor units)  appeared 0×  in sub-a\n");
    expect(run.stderr).toBe("read 1/3 submissions\nread 2/3 submissions\nread 3/3 submissions\n");
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it("asks for PROLIFIC_TOKEN only when a verdict needs a reconciliation", async () => {
    await setUp();
    const id = await unknownPayment([{ participantId: "b", amount: "2.00" }]);
    const noToken = await cli([
      "resolve",
      id,
      "--dir",
      dir,
      "--verdict",
      "not-paid",
      "--note",
      "x",
    ]);
    expect(noToken).toMatchObject({ code: 2 });
    expect(noToken.stderr).toContain("reconcile reads PROLIFIC_TOKEN, which is not set");
    const paid = await cli(["resolve", id, "--dir", dir, "--verdict", "paid", "--note", "seen"]);
    expect(paid.code).toBe(0);
    expect(paid.stdout).toContain(`${id}: resolved as paid`);
  });

  it("redacts the token from any line, whatever carries it", async () => {
    await setUp();
    const run = await cli(["reconcile", TOKEN, "--dir", dir], { PROLIFIC_TOKEN: TOKEN });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("[REDACTED]");
    expect(run.stderr).not.toContain(TOKEN);
    // A short one (under 4 characters) as a whole token only, as in every message of the package.
    const short = await cli(["reconcile", "k9", "--dir", dir], { PROLIFIC_TOKEN: "k9" });
    expect(short.stderr).toMatch(/^payouts-ledger: id: "\[REDACTED\]" is not in file /);
    expect(short.stderr).not.toMatch(/\bk9\b/);
  });
});
