import { PayoutsError } from "./payouts-error.js";

/**
 * A success status whose body does not answer the request that was sent (a requested
 * reward in another state, rewards that were not asked for, a body of another shape).
 * `rewardIds` names the rewards concerned, when there are any.
 */
export class UnexpectedAnswerError extends PayoutsError {
  override name = "UnexpectedAnswerError";
  readonly status: number;
  readonly rewardIds: number[];
  constructor(message: string, status: number, rewardIds: number[] = []) {
    super(message);
    this.status = status;
    this.rewardIds = rewardIds;
  }
  protected override details() {
    return { status: this.status, rewardIds: this.rewardIds };
  }
}
