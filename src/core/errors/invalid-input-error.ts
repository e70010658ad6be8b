import { PayoutsError } from "./payouts-error.js";

/**
 * Bad input, refused before anything was sent. `field` names the option or field at
 * fault; the message says why but never repeats a secret value.
 */
export class InvalidInputError extends PayoutsError {
  override name = "InvalidInputError";
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.field = field;
  }

  protected override details() {
    return { field: this.field };
  }
}
