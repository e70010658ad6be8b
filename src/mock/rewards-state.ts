// DRVN's state in a mock: rewards seeded from the spec's recorded examples (the seed
// document's five, and the listing capture's), `bulk_update` sets their state, the list
// filters and pages them, and `sign_in` issues JWTs that strict mode then requires.
import type { components } from "../../generated/rewards.js";
import type { Engine } from "./engine.js";
import { json, type MockState, type StateRequest, type StateResult } from "./state.js";
import type { Credentials, TokenIssuer } from "./tokens.js";

type Reward = components["schemas"]["Reward"];
type Query = StateRequest["query"];

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
  const pending = recorded.map((r) => ({ ...structuredClone(r), state: "pending" as const }));
  return [...new Map(pending.map((r) => [r.id, r])).values()].sort((a, b) => a.id - b.id);
}

/** The login and password of the spec's sign-in request example. */
function exampleLogin(engine: Engine): Credentials {
  const body = engine.operation("sign-in")?.request?.body;
  const example = body?.contents?.[0]?.examples?.[0] as { value?: { user: Credentials } };
  const user = example?.value?.user;
  if (!user) throw new Error("the rewards spec has no sign-in request example");
  return { login: user.login, password: user.password };
}

/** Whether a reward matches the list's filters (every seeded reward is a referral reward). */
function matches(reward: Reward, query: Query): boolean {
  if (query.by_kind !== "referral") return false;
  const name = typeof query.by_name === "string" ? query.by_name.toLowerCase() : undefined;
  const people = [reward.referee, reward.referrer].map((p) =>
    `${p.first_name} ${p.last_name}`.toLowerCase(),
  );
  if (name !== undefined && !people.some((p) => p.includes(name))) return false;
  const day = reward.completed_at.slice(0, 10);
  if (typeof query.from_date === "string" && day < query.from_date) return false;
  if (typeof query.to_date === "string" && day > query.to_date) return false;
  return true;
}

/** One page of `list`, with api-pagination's headers (and `Link` when there is more than one page). */
function page(list: Reward[], number: number, size: number, link?: (page: number) => string) {
  const headers: Record<string, string> = { "per-page": String(size), total: String(list.length) };
  const last = Math.max(1, Math.ceil(list.length / size));
  if (link && last > 1) {
    const next = number < last ? [`<${link(number + 1)}>; rel="next"`] : [];
    headers.link = [...next, `<${link(last)}>; rel="last"`].join(", ");
  }
  return json(200, { rewards: list.slice((number - 1) * size, number * size) }, headers);
}

export function rewardsState(engine: Engine, options: RewardsStateOptions): MockState {
  const signedIn = Object.values(engine.examples("sign-in", 200))[0] as { user: { id: number } };
  const credentials = options.credentials ?? [exampleLogin(engine)];
  let rewards = new Map<number, Reward>();

  function bulkUpdate(body: { reward: { reward_ids: number[]; state: Reward["state"] } }) {
    // Unknown ids are left out of the answer, as a Rails `where(id: ids)` would; the real
    // API's behaviour is not documented.
    const updated = body.reward.reward_ids.flatMap((id) => rewards.get(id) ?? []);
    for (const reward of updated) reward.state = body.reward.state;
    return page(
      [...new Set(updated)].sort((a, b) => a.id - b.id),
      1,
      PER_PAGE,
    );
  }

  function list({ query, headers }: StateRequest) {
    const found = [...rewards.values()].filter((r) => matches(r, query));
    const link = (n: number) => {
      const url = new URL(`http://${headers.host ?? "localhost"}/api/v1/finance/rewards`);
      for (const [k, v] of Object.entries(query))
        if (k !== "page") url.searchParams.set(k, String(v));
      url.searchParams.set("page", String(n));
      return url.href;
    };
    return page(found, Number(query.page ?? 1), Number(query.per_page ?? PER_PAGE), link);
  }

  function signIn({ user }: { user: Credentials }): StateResult {
    const known = credentials.some((c) => c.login === user.login && c.password === user.password);
    if (!known) return { documented: 401 };
    const token = options.tokens.issue(String(signedIn.user.id));
    return json(200, signedIn, { authorization: `Bearer ${token}` });
  }

  function reset() {
    rewards = new Map(seedRewards(engine).map((r) => [r.id, r]));
  }
  reset();

  return {
    handle(request: StateRequest): StateResult {
      switch (request.operationId) {
        case BULK_UPDATE:
          return bulkUpdate(request.body as Parameters<typeof bulkUpdate>[0]);
        case "list-rewards":
          return list(request);
        case "sign-in":
          return signIn(request.body as { user: Credentials });
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
