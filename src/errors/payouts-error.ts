/** Base class of every error this package throws or returns. */
export class PayoutsError extends Error {
  override name = "PayoutsError";
}
