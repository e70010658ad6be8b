// The `Prefer` header (RFC 7240) as Prism reads it: `code=400, example=legacy,
// dynamic=true, seed=x`, plus the mocks' own `fault=<name>` for a one-off fault.

export interface Preferences {
  code?: number;
  example?: string;
  dynamic?: boolean;
  seed?: string;
  fault?: string;
}

/** Preferences asked for, or a message naming the one that cannot be read. */
export function parsePrefer(header: string | undefined): Preferences | { error: string } {
  const preferences: Preferences = {};
  if (!header) return preferences;
  for (const part of header.split(/[,;]/)) {
    const [rawName = "", ...rest] = part.split("=");
    const name = rawName.trim().toLowerCase();
    const value = rest
      .join("=")
      .trim()
      .replace(/^"(.*)"$/, "$1");
    if (name === "code") {
      if (!/^\d{3}$/.test(value)) return { error: `Prefer code must be 3 digits, not "${value}"` };
      preferences.code = Number(value);
    } else if (name === "dynamic") {
      if (value !== "true" && value !== "false")
        return { error: `Prefer dynamic must be true or false, not "${value}"` };
      preferences.dynamic = value === "true";
    } else if (name === "example") preferences.example = value;
    else if (name === "seed") preferences.seed = value;
    else if (name === "fault") preferences.fault = value;
  }
  return preferences;
}
