// Compile-time contract of the reads and sign-in: what they take and what they give.
import { describe, expectTypeOf, it } from "vitest";
import {
  createProlificClient,
  createRewardsClient,
  getSubmission,
  listRewards,
  listStudySubmissions,
  type Reward,
  type Session,
  type SignedInUser,
  type Submission,
  type SubmissionShort,
  signIn,
} from "../src/index.js";

const prolific = createProlificClient({ token: "t" });
const rewards = createRewardsClient({ token: "t", baseUrl: "https://x.test" });

describe("companion helpers' types", () => {
  it("give typed values; amounts are numbers, bonuses strings", () => {
    expectTypeOf(listRewards(rewards, { kind: "referral" })).toEqualTypeOf<AsyncIterable<Reward>>();
    expectTypeOf(listStudySubmissions(prolific, "s")).toEqualTypeOf<
      AsyncIterable<SubmissionShort>
    >();
    expectTypeOf(getSubmission(prolific, "id")).resolves.toEqualTypeOf<Submission>();
    expectTypeOf<Submission["bonus_payments"]>().toEqualTypeOf<number[] | null | undefined>();
    expectTypeOf<Reward["bonus"]>().toEqualTypeOf<string>();
    expectTypeOf(
      signIn({ baseUrl: "https://x.test", login: "l", password: "p" }),
    ).resolves.toEqualTypeOf<Session>();
    expectTypeOf<Session["token"]>().toEqualTypeOf<string>();
    expectTypeOf<Session["expiresAt"]>().toEqualTypeOf<Date>();
    expectTypeOf<Session["user"]>().toEqualTypeOf<SignedInUser>();
  });

  it("refuse wrong input", () => {
    // @ts-expect-error kind is required
    listRewards(rewards, {});
    // @ts-expect-error "bonus" is not a RewardKind
    listRewards(rewards, { kind: "bonus" });
    // @ts-expect-error a Prolific client is not a rewards client
    listRewards(prolific, { kind: "referral" });
    // @ts-expect-error the password is required
    void signIn({ baseUrl: "https://x.test", login: "l" });
    // @ts-expect-error the study id is a string
    listStudySubmissions(prolific, 42);
    // @ts-expect-error the raw sign-in body needs user.password
    void rewards.POST("/api/v1/users/sign_in", { body: { user: { login: "l" } } });
  });

  it("the raw client types the JWT response header and the reads", () => {
    void rewards.POST("/api/v1/users/sign_in", { body: { user: { login: "l", password: "p" } } });
    void rewards.GET("/api/v1/finance/rewards", { params: { query: { by_kind: "hourly" } } });
    void prolific.GET("/api/v1/workspaces/{workspace_id}/balance/", {
      params: { path: { workspace_id: "w" } },
    });
    // @ts-expect-error by_kind is required on the raw list call too
    void rewards.GET("/api/v1/finance/rewards", { params: { query: {} } });
  });
});
