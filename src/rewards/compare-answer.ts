import type { Reward, RewardState } from "../../generated/rewards.js";
import { UnexpectedAnswerError } from "../core/errors/unexpected-answer-error.js";
import type { Listed } from "./mark-rewards.js";

const SHOWN_IDS = 10;

/**
 * The result of a bulk update whose answer agrees with the request, or why it does
 * not. Rewards that were not asked for, or a requested reward in another state, mean
 * the server did something other than asked: a typed error, never `ok: true`.
 * Requested rewards the answer leaves out (a first page, or ids the server skipped)
 * are named in `missing`; they, or an answer with more pages (`total`, `Link:
 * rel="next"`), give `complete: false`.
 */
export function compareAnswer(listed: Listed, requested: readonly number[], state: RewardState) {
  const { status, rewards, perPage, total, nextPage } = listed;
  const wanted = new Set(requested);
  const seen = new Set<number>();
  const others: number[] = [];
  const wrongState: number[] = [];
  for (const [i, item] of rewards.entries()) {
    const reward = item as Partial<Reward> | null;
    if (typeof reward !== "object" || reward === null || !Number.isSafeInteger(reward.id)) {
      return new UnexpectedAnswerError(`answer lists rewards[${i}] without an id`, status);
    }
    const id = reward.id as number;
    if (seen.has(id))
      return new UnexpectedAnswerError(`answer lists reward ${id} twice`, status, [id]);
    seen.add(id);
    if (!wanted.has(id)) others.push(id);
    else if (reward.state !== state) wrongState.push(id);
  }
  if (wrongState.length > 0) {
    return new UnexpectedAnswerError(
      `answer shows requested rewards ${list(wrongState)} in another state than "${state}"`,
      status,
      wrongState,
    );
  }
  if (others.length > 0) {
    return new UnexpectedAnswerError(
      `answer lists rewards that were not requested: ${list(others)}`,
      status,
      others,
    );
  }
  const missing = requested.filter((id) => !seen.has(id));
  return {
    ok: true as const,
    rewards: rewards as Reward[],
    perPage,
    total,
    // More answer than this body (a next page) may say more: not complete either.
    complete: missing.length === 0 && !nextPage && (total === undefined || total <= rewards.length),
    missing,
  };
}

const list = (ids: number[]) =>
  `${ids.slice(0, SHOWN_IDS).join(", ")}${ids.length > SHOWN_IDS ? ` (${ids.length} in all)` : ""}`;
