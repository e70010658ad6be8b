// Class 9: results say what happened. onAttempt hears the real status; markRewards
// compares the answer with the request instead of trusting any 2xx with a list.
import { describe, expect, it } from "vitest";
import {
  type AttemptEvent,
  createRewardsClient,
  markRewards,
  UnexpectedAnswerError,
} from "../src/index.js";
import { jsonAnswer, rewardsFor, type SeenRequest, useHostileServer } from "./hostile-server.js";

const server = useHostileServer();
const client = () => createRewardsClient({ token: "jwt.answers", baseUrl: server.url });
const IDS = [499, 504, 510];

async function mark(answer: (request: SeenRequest) => ReturnType<typeof jsonAnswer>) {
  server.otherwise(answer);
  const events: AttemptEvent[] = [];
  const result = await markRewards(
    client(),
    { rewardIds: IDS, state: "paid" },
    { baseDelayMs: 1, onAttempt: (e) => events.push(e) },
  );
  return { result, events };
}

describe("onAttempt hears the status the server sent", () => {
  it("a 202 success is reported as 202, a 503 before it as 503", async () => {
    server.script({ status: 503, body: "" });
    const { result, events } = await mark((r) => jsonAnswer(202, rewardsFor(r)));
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(events.map((e) => e.status)).toEqual([503, 202]);
    expect(server.seen).toHaveLength(2);
  });

  it("a success status whose body is cut off by the size cap still reports the status", async () => {
    const tiny = createRewardsClient({
      token: "jwt.answers",
      baseUrl: server.url,
      maxResponseBytes: 10,
    });
    server.otherwise((r) => jsonAnswer(200, rewardsFor(r)));
    const events: AttemptEvent[] = [];
    await markRewards(
      tiny,
      { rewardIds: [499], state: "paid" },
      { onAttempt: (e) => events.push(e) },
    );
    expect(events.map((e) => e.status)).toEqual([200]);
  });
});

describe("the answer is compared with the request", () => {
  it("all requested rewards in the requested state: complete", async () => {
    const { result } = await mark((r) => jsonAnswer(200, rewardsFor(r), [["total", "3"]]));
    expect(result).toMatchObject({ ok: true, complete: true, missing: [], total: 3 });
  });

  it("a requested reward in another state is an UnexpectedAnswerError naming it", async () => {
    const { result } = await mark((r) => {
      const body = rewardsFor(r);
      body.rewards[1]!.state = "pending";
      return jsonAnswer(200, body);
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(UnexpectedAnswerError);
    expect(result.error).toMatchObject({ status: 200, rewardIds: [504] });
    expect(result.error.message).toMatch(/504.*another state than "paid"/);
    expect(server.seen).toHaveLength(1); // not retried
  });

  it("rewards that were not requested are an UnexpectedAnswerError naming them", async () => {
    const { result } = await mark((r) => {
      const body = rewardsFor(r);
      body.rewards.push({ ...body.rewards[0]!, id: 777 });
      return jsonAnswer(200, body);
    });
    expect(result.ok || result.error).toBeInstanceOf(UnexpectedAnswerError);
    expect(result.ok || result.error).toMatchObject({ rewardIds: [777] });
    expect(server.seen).toHaveLength(1);
  });

  it('a first page with Link: rel="next" is not complete and names the missing ids', async () => {
    const { result } = await mark((r) => {
      const body = rewardsFor(r);
      body.rewards.splice(1);
      return jsonAnswer(200, body, [["link", `<${server.url}/page/2>; rel="next"`]]);
    });
    expect(result).toMatchObject({ ok: true, complete: false, missing: [504, 510] });
  });

  it("a Link to a next page makes the answer incomplete even when every id is listed", async () => {
    const { result } = await mark((r) =>
      jsonAnswer(200, rewardsFor(r), [["link", `<${server.url}/p/2>; rel="last next"`]]),
    );
    expect(result).toMatchObject({ ok: true, complete: false, missing: [] });
  });

  it("total larger than the list: not complete, missing ids named", async () => {
    const { result } = await mark((r) => {
      const body = rewardsFor(r);
      body.rewards.splice(2);
      return jsonAnswer(200, body, [
        ["per-page", "2"],
        ["total", "3"],
      ]);
    });
    expect(result).toMatchObject({
      ok: true,
      complete: false,
      missing: [510],
      perPage: 2,
      total: 3,
    });
  });

  it("ids left out without any paging: not complete, missing ids named", async () => {
    const { result } = await mark((r) => {
      const body = rewardsFor(r);
      body.rewards.splice(0, 1);
      return jsonAnswer(200, body);
    });
    expect(result).toMatchObject({ ok: true, complete: false, missing: [499] });
  });

  it("an entry without an id is an UnexpectedAnswerError", async () => {
    const { result } = await mark(() => jsonAnswer(200, { rewards: [{ state: "paid" }] }));
    expect(result.ok || result.error).toBeInstanceOf(UnexpectedAnswerError);
  });
});
