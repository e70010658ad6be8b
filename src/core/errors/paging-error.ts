import { PayoutsError } from "./payouts-error.js";

/**
 * A paged list could not be read to its end safely: the server repeated a page (it
 * seems to ignore the paging parameters), served an empty page before the count it
 * announced, or went on past the page limit. What was yielded before stays valid, but
 * the list is incomplete.
 */
export class PagingError extends PayoutsError {
  override name = "PagingError";
  /** 1-based number of the page that broke the rule. */
  readonly page: number;
  /** Items yielded before the error. */
  readonly yielded: number;
  constructor(message: string, page: number, yielded: number) {
    super(message);
    this.page = page;
    this.yielded = yielded;
  }
  protected override details() {
    return { page: this.page, yielded: this.yielded };
  }
}
