import { inspect } from "node:util";

/**
 * Base class of every error this package throws or returns. Subclasses list the
 * fields that `toJSON` and `util.inspect` show, so what a user pastes is exactly
 * what was meant to be shown (secrets are redacted before they get here).
 */
export class PayoutsError extends Error {
  override name = "PayoutsError";

  constructor(message: string, options?: { cause?: unknown }) {
    // Error's own constructor keeps the cause as a non-enumerable property: reachable for
    // debugging, out of JSON and inspect output (the cause may be a platform error
    // holding anything).
    super(message, options);
  }

  /** Fields shown besides name and message. */
  protected details(): Record<string, unknown> {
    return {};
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...this.details() };
  }

  override toString(): string {
    return `${this.name}: ${this.message}`;
  }

  [inspect.custom](_depth: number, options: object): string {
    return `${this.stack ?? this.toString()}\n${inspect(this.details(), options)}`;
  }
}
