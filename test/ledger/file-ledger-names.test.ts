// How a file ledger names its files and reads them back: ids up to 180 encoded characters
// keep their readable name, longer ones a sha256 of the id; dots are encoded so an id can
// never pass for attempt and version numbers; set-up rows are replaced, not kept first;
// the open list takes each id's newest attempt and version. Checked on disk.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileLedger } from "../../src/ledger/index.js";

const dir = mkdtempSync(join(tmpdir(), "payouts-ledger-names-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const root = join(dir, `l${++n}`);
  return { root, ledger: fileLedger(root), claims: () => readdirSync(join(root, "claims")) };
};
const SET_UP = { studyId: "s", rows: [{ participantId: "p1", amount: "1.00" }] };

describe("file ledger names", () => {
  it("an id of 180 encoded characters keeps its name; 181 is named by its sha256", async () => {
    const { ledger, claims } = fresh();
    const [edge, over] = ["e".repeat(180), "o".repeat(181)];
    await ledger.claim(edge);
    await ledger.claim(over);
    const hash = createHash("sha256").update(over).digest("hex");
    expect(claims().sort()).toEqual([`${edge}.1.1.json`, `sha256-${hash}.1.1.json`].sort());
    expect((await ledger.listOpen()).map((e) => e.id).sort()).toEqual([edge, over].sort());
    await ledger.settle(over, "unknown", "reset");
    expect(await ledger.get(over)).toMatchObject({ id: over, state: "unknown" });
  });

  it("dots in an id are encoded: 'a.1.1' is its own id, not attempt 1 of 'a'", async () => {
    const { ledger, claims } = fresh();
    await ledger.claim("a");
    await ledger.claim("a.1.1");
    expect(claims().sort()).toEqual(["a%2E1%2E1.1.1.json", "a.1.1.json"]);
    await ledger.settle("a", "accepted", "202");
    expect((await ledger.listOpen()).map((e) => [e.id, e.state])).toEqual([["a.1.1", "in-flight"]]);
  });

  it("lists each id once, at its newest attempt and version", async () => {
    const { ledger } = fresh();
    await ledger.claim("x");
    await ledger.settle("x", "rejected", "400");
    await ledger.claim("x");
    await ledger.markSending("x", { noSnapshot: "t" });
    await ledger.claim("y");
    await ledger.settle("y", "unknown", "503");
    await ledger.claim("z");
    await ledger.settle("z", "accepted", "202");
    const open = await ledger.listOpen();
    expect(open.map((e) => [e.id, e.attempt, e.state]).sort()).toEqual([
      ["x", 2, "in-flight"],
      ["y", 1, "unknown"],
    ]);
    expect(open.find((e) => e.id === "x")?.sending).toMatchObject({ noSnapshot: "t" });
  });

  it("set-up rows recorded again replace the first ones", async () => {
    const { root, ledger } = fresh();
    await ledger.recordSetUp("s1", SET_UP);
    const rows = [{ participantId: "p2", amount: "2.00" }];
    await ledger.recordSetUp("s1", { studyId: "s", rows });
    expect(readdirSync(join(root, "set-up"))).toEqual(["s1.json"]);
    const onDisk = JSON.parse(readFileSync(join(root, "set-up", "s1.json"), "utf8"));
    expect(onDisk).toMatchObject({ id: "s1", studyId: "s", rows });
    expect(await ledger.get("s1")).toEqual({
      id: "s1",
      state: "set-up",
      attempt: 0,
      setUp: { studyId: "s", rows, recordedAt: expect.any(String) },
    });
    expect(await ledger.claim("s1")).toMatchObject({ attempt: 1, setUp: { rows } });
  });

  it("says where it is, as an absolute path, and refuses no directory", () => {
    expect(fileLedger(join(dir, "where")).location).toBe(`file ${resolve(dir, "where")}`);
    for (const bad of ["", 42, undefined])
      expect(() => fileLedger(bad as string)).toThrow(TypeError);
  });
});
