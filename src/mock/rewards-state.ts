// DRVN's state in a mock: rewards seeded from the spec's recorded examples (the seed
// document's five, and the listing capture's), `bulk_update` sets their state, the list
// filters and pages them, and `sign_in` issues JWTs that strict mode then requires.
import type { components } from "../../generated/rewards.js";
import type { Engine } from "./engine.js";
import { json, type MockState, type StateRequest, type StateResult } from "./state.js";
import type { TokenIssuer } from "./tokens.js";

type Reward = components["schemas"]["Reward"];

export interface Credentials {
  login: string;
  password: string;
}

export interface RewardsStateOptions {
  /** Only tokens this mock's sign_in issued, unexpired, are accepted. Default false. */
  requireSignIn?: boolean;
  /** Logins sign_in accepts. Default: the spec's example login and password. */
  credentials?: Credentials[];
  tokens: TokenIssuer;
}

const PER_PAGE = 20;
const BULK_UPDATE = "bulk-update-reward-state";

/** The rewards the spec records: before the seed's request marked them paid, they were pending. */
function seedRewards(engine: Engine): Reward[] {
  const recorded = [
    ...Object.values(engine.examples(BULK_UPDATE, 200)),
    ...Object.values(engine.examples("list-rewards", 200)),
  ].flatMap((example) => (example as { rewards: Reward[] }).rewards);
  const byId = new Map(
    recorded.map((r) => [r.id, { ...structuredClone(r), state: "pending" as const }]),
  );
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export function rewardsState(engine: Engine, options: RewardsStateOptions): MockState {
  const signInExample = Object.values(engine.examples("sign-in", 200))[0] as any;
  let rewards = new Map<number, Reward>();

  function bulkUpdate(body: { reward: { reward_ids: number[]; state: Reward["state"] } }) {
    // Unknown ids are left out of the answer, as a Rails `where(id: ids)` would; the real
    // API's behaviour is not documented.
    const updated = body.reward.reward_ids.flatMap((id) => rewards.get(id) ?? []);
    for (const reward of updated) reward.state = body.reward.state;
    const unique = [...new Set(updated)].sort((a, b) => a.id - b.id);
    return page(unique, 1, PER_PAGE);
  }

  function page(list: Reward[], number: number, size: number) {
    const headers: Record<string, string> = {
      "per-page": String(size),
      total: String(list.length),
    };
    return json(200, { rewards: list.slice((number - 1) * size, number * size) }, headers);
  }

  function reset() {
    rewards = new Map(seedRewards(engine).map((r) => [r.id, r]));
  }
  reset();

  return {
    handle(request: StateRequest): StateResult {
      switch (request.operationId) {
        case BULK_UPDATE:
          return bulkUpdate(request.body as any);
        default:
          return undefined;
      }
    },
    authorize(request) {
      if (!options.requireSignIn || request.operationId === "sign-in") return true;
      const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
      return token !== undefined && options.tokens.accepts(token);
    },
    snapshot: () => ({ rewards: [...rewards.values()] }),
    reset,
    close: () => {},
  };
}
