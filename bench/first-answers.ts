// "Ready" for the start-up measures: each mock has answered a known request correctly.
// Static: Prolific's example submission and DRVN's seeded referral rewards. Dynamic:
// generated data of the documented shape (the contract suite checks it against the spec).
import { request } from "node:http";
import type { ApiName } from "../src/mock/index.js";

const SUBMISSION = "625d4a831bcda2d59ac5a251";

// node:http rather than fetch: fetch loads undici on first use, a cost of the client.
function get(url: string, authorization: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { authorization } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }),
      );
    })
      .on("error", reject)
      .end();
  });
}

/** Asks both mocks at once; throws, with the answers, unless both are right. */
export async function firstAnswers(urls: Record<ApiName, string>, dynamic: boolean) {
  const [submission, rewards] = await Promise.all([
    get(`${urls.prolific}/api/v1/submissions/${SUBMISSION}/`, "Token probe-token"),
    get(`${urls.rewards}/api/v1/finance/rewards?by_kind=referral`, "Bearer probe.jwt.token"),
  ]);
  const correct =
    submission.status === 200 &&
    rewards.status === 200 &&
    Array.isArray(rewards.body.rewards) &&
    (dynamic
      ? typeof submission.body.id === "string"
      : submission.body.id === SUBMISSION &&
        Array.isArray(submission.body.bonus_payments) &&
        rewards.body.rewards.length > 0);
  if (!correct) throw new Error(`wrong first answers: ${JSON.stringify({ submission, rewards })}`);
}
