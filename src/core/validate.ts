import { InvalidInputError } from "./errors/invalid-input-error.js";

/** The shape of a generated (Ajv standalone) validator. */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: Array<{
    instancePath: string;
    keyword: string;
    message?: string;
    params: Record<string, unknown>;
  }> | null;
}

/**
 * Refuses `body` unless it passes `validator`, generated from the spec. `fields`
 * maps JSON pointers of the body to the caller's names for them, so the message names
 * the field the caller wrote ("rewardIds[2]"), not the wire name.
 */
export function checkBody(
  validator: SchemaValidator,
  body: unknown,
  fields: Record<string, string>,
): void {
  if (validator(body)) return;
  const [first, ...others] = validator.errors ?? [];
  if (!first) throw new InvalidInputError("body", "does not match the spec");
  const missing = first.keyword === "required" ? `/${String(first.params.missingProperty)}` : "";
  const pointer = `${first.instancePath}${missing}`;
  const more =
    others.length > 0 ? ` (and ${others.length} more problem${others.length > 1 ? "s" : ""})` : "";
  throw new InvalidInputError(callerName(pointer, fields), `${describe(first)}${more}`);
}

function callerName(pointer: string, fields: Record<string, string>): string {
  const prefix = Object.keys(fields)
    .filter((p) => pointer === p || pointer.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
  if (prefix === undefined) return pointer || "body";
  const rest = pointer.slice(prefix.length).split("/").filter(Boolean);
  return `${fields[prefix]}${rest.map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`)).join("")}`;
}

function describe(error: NonNullable<SchemaValidator["errors"]>[number]): string {
  if (error.keyword === "required") return "is required";
  // Ajv's messages state the rule ("must be >= 1") and never echo the value.
  if (error.keyword === "enum")
    return `must be one of ${JSON.stringify(error.params.allowedValues)}`;
  return error.message ?? `breaks the spec's ${error.keyword} rule`;
}
