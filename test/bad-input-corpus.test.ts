// A corpus of bad inputs run through every public function: each must be refused with
// an InvalidInputError that names the field, before anything is sent.
import { describe, expect, it } from "vitest";
import {
  createBonusPayments,
  createProlificClient,
  createRewardsClient,
  InvalidInputError,
  markRewards,
  payBonuses,
} from "../src/index.js";
import { fakeFetch } from "./fake-fetch.js";

const { fetch, requests } = fakeFetch();
// Made inside each test that uses one, not as the file loads: code run at load time counts
// for no test, and StrykerJS would re-run every test for each mutant it reaches.
const prolific = () => createProlificClient({ token: "corpus-token", fetch });
const rewards = () =>
  createRewardsClient({ token: "corpus.jwt", baseUrl: "https://drvn.test", fetch });

const HUGE = "x".repeat(1_000_000);
const CONTROL = ["\u0000", "\r\n", "\t", "\u001b[31m", "\u007f"];
const notObjects = [null, undefined, 0, "x", true, [], new Date(0), new Map(), () => {}];
const notStrings = [null, undefined, 0, 42, true, {}, [], ["a"], Symbol("s")];

type Case = [label: string, call: () => unknown, field: RegExp];
const cases: Case[] = [];
const add = (label: string, call: () => unknown, field: RegExp) => cases.push([label, call, field]);

// Client factories
for (const token of [
  "",
  "  ",
  ...CONTROL.map((c) => `abc${c}def`),
  "é-token",
  HUGE.replace(/x/g, " "),
  ...notStrings,
]) {
  add(
    `prolific token ${JSON.stringify(String(token)).slice(0, 20)}`,
    () => createProlificClient({ token } as any),
    /^token/,
  );
}
for (const baseUrl of [
  "",
  "nope",
  "http://example.com",
  "ftp://x.test",
  "https://u:p@x.test",
  "https://x.test/#f",
  42,
  {},
]) {
  add(
    `rewards baseUrl ${String(baseUrl)}`,
    () => createRewardsClient({ token: "t", baseUrl } as any),
    /^baseUrl/,
  );
}
for (const timeoutMs of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "100", 2 ** 40]) {
  add(
    `timeoutMs ${String(timeoutMs)}`,
    () => createProlificClient({ token: "t", timeoutMs } as any),
    /^timeoutMs/,
  );
}
for (const options of notObjects.filter((o) => o === null || typeof o !== "object")) {
  add(
    `client options ${String(options)}`,
    () => createProlificClient(options as any),
    /^(options|token)/,
  );
}

// payBonuses
for (const id of [
  "",
  " ",
  "\t",
  ".",
  "..",
  "x".repeat(257),
  HUGE,
  ...CONTROL.map((c) => `id${c}`),
  ...notStrings,
]) {
  add(
    `pay id ${JSON.stringify(String(id)).slice(0, 20)}`,
    () => payBonuses(prolific(), id as any),
    /^id/,
  );
}
add(
  "pay options.signal not a signal",
  () => payBonuses(prolific(), "ok", { signal: "stop" } as any),
  /signal/,
);
add(
  "pay options.payAgain not boolean",
  () => payBonuses(prolific(), "ok", { payAgain: "yes" } as any),
  /payAgain/,
);
add(
  "pay options with a typo",
  () => payBonuses(prolific(), "ok", { payagain: true } as any),
  /options\.payagain/,
);
add("pay options not an object", () => payBonuses(prolific(), "ok", 5 as any), /^options/);

// createBonusPayments
const row = { participantId: "p1", amount: "4.25" };
const setUp = (input: unknown) => () => createBonusPayments(prolific(), input as any);
for (const input of notObjects) add(`set-up input ${String(input)}`, setUp(input), /^input/);
for (const studyId of ["", " ", "a b", "x".repeat(101), "s\u0000", ...notStrings]) {
  add(
    `studyId ${JSON.stringify(String(studyId)).slice(0, 20)}`,
    setUp({ studyId, bonuses: [row] }),
    /^studyId/,
  );
}
for (const bonuses of [
  [],
  null,
  "p1,4.25",
  {},
  [null],
  [{}],
  [[]],
  Array.from({ length: 20_000 }, (_, i) => ({ participantId: `p${i}`, amount: "1.00" })),
]) {
  add(
    `bonuses ${JSON.stringify(bonuses).slice(0, 20)}`,
    setUp({ studyId: "s", bonuses }),
    /^bonuses/,
  );
}
for (const participantId of [
  "",
  " ",
  "a,b",
  "a b",
  "a\nb",
  ...CONTROL.map((c) => `p${c}`),
  7,
  null,
]) {
  add(
    `participantId ${JSON.stringify(String(participantId))}`,
    setUp({ studyId: "s", bonuses: [{ participantId, amount: "1" }] }),
    /^bonuses\[0\]/,
  );
}
for (const amount of [
  "0",
  "0.00",
  "-1",
  "1e3",
  "abc",
  "",
  " 1",
  "1.",
  ".5",
  "NaN",
  "Infinity",
  "4,25",
  "١٢",
  4.25,
  0.1 + 0.2,
  Number.NaN,
  null,
  10n,
]) {
  add(
    `amount ${String(amount)}`,
    setUp({ studyId: "s", bonuses: [{ participantId: "p", amount }] }),
    /^bonuses\[0\]/,
  );
}
add(
  "duplicate participants",
  setUp({ studyId: "s", bonuses: [row, { ...row, amount: "1.00" }] }),
  /^bonuses/,
);
add(
  "unknown row field",
  setUp({ studyId: "s", bonuses: [{ ...row, note: "hi" }] }),
  /^bonuses\[0\]\.note/,
);
add(
  "__proto__ row key",
  setUp({
    studyId: "s",
    bonuses: [JSON.parse('{"participantId":"p","amount":"1","__proto__":{"x":1}}')],
  }),
  /__proto__/,
);
add(
  "__proto__ input key",
  setUp(JSON.parse('{"studyId":"s","bonuses":[],"__proto__":{"polluted":true}}')),
  /__proto__/,
);
add("inherited fields only", setUp(Object.create({ studyId: "s", bonuses: [row] })), /^input/);
add(
  "set-up signal not a signal",
  () => createBonusPayments(prolific(), { studyId: "s", bonuses: [row] }, { signal: {} } as any),
  /signal/,
);

// markRewards
const mark = (input: unknown, options?: unknown) => () =>
  markRewards(rewards(), input as any, options as any);
for (const input of notObjects) add(`mark input ${String(input)}`, mark(input), /^input/);
const ids = (rewardIds: unknown) => mark({ rewardIds, state: "paid" });
for (const rewardIds of [
  undefined,
  null,
  "1,2",
  {},
  499,
  [],
  [0],
  [-1],
  [1.5],
  ["1"],
  [Number.NaN],
  [Number.POSITIVE_INFINITY],
  [2 ** 53],
  [true],
  [null],
  [1, 1],
  [3, 2, 3],
]) {
  add(`rewardIds ${String(JSON.stringify(rewardIds))}`, ids(rewardIds), /^rewardIds/);
}
// biome-ignore lint/suspicious/noSparseArray: a hole is the point
add("rewardIds with a hole", ids([1, , 3]), /^rewardIds\[1\]/);
add("rewardIds: 1001 ids", ids(Array.from({ length: 1001 }, (_, i) => i + 1)), /^rewardIds/);
add(
  "rewardIds: a million ids",
  ids(Array.from({ length: 1_000_000 }, (_, i) => i + 1)),
  /^rewardIds/,
);
for (const state of [undefined, "", "PAID", "lost", "paid\n", " paid", 1, null, ["paid"], HUGE]) {
  add(`state ${JSON.stringify(state)?.slice(0, 20)}`, mark({ rewardIds: [1], state }), /^state/);
}
for (const passcode of ["1234", 12.5, Number.NaN, Number.POSITIVE_INFINITY, null, {}, [], true]) {
  add(
    `passcode ${typeof passcode}`,
    mark({ rewardIds: [1], state: "paid", passcode }),
    /^passcode/,
  );
}
add(
  "mark unknown field (typo)",
  mark({ rewardIds: [1], state: "paid", passCode: 1 }),
  /^input\.passCode/,
);
add(
  "mark __proto__ key",
  mark(JSON.parse('{"rewardIds":[1],"state":"paid","__proto__":{"isAdmin":true}}')),
  /__proto__/,
);
add(
  "mark constructor key",
  mark({ rewardIds: [1], state: "paid", constructor: {} }),
  /constructor/,
);
const valid = { rewardIds: [1], state: "paid" };
for (const [key, value] of [
  ["maxAttempts", 0],
  ["maxAttempts", 11],
  ["maxAttempts", 1.5],
  ["maxAttempts", "3"],
  ["baseDelayMs", -1],
  ["maxDelayMs", Number.NaN],
  ["totalTimeoutMs", 0],
  ["random", "x"],
  ["onAttempt", "log"],
  ["signal", "abort"],
  ["retries", 3],
] as const) {
  add(`mark option ${key}=${String(value)}`, mark(valid, { [key]: value }), new RegExp(key));
}

describe(`bad input corpus (${cases.length} cases)`, () => {
  it("has at least 100 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  it.each(cases)("%s", async (_label, call, field) => {
    let thrown: unknown;
    try {
      await call();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidInputError);
    const error = thrown as InvalidInputError;
    expect(error.field).toMatch(field);
    expect(error.message.startsWith(`${error.field}: `)).toBe(true);
    expect(error.message.length).toBeLessThan(300);
    expect(requests).toHaveLength(0);
  });

  it("nothing polluted Object.prototype", () => {
    expect(({} as any).polluted).toBeUndefined();
    expect(({} as any).isAdmin).toBeUndefined();
  });
});
