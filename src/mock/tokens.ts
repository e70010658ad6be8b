// JWTs the DRVN mock's sign_in issues: HS256 with devise-jwt's claims (sub, scp, aud, iat,
// exp, jti), signed with a key made per mock, so only that mock's tokens verify.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

const b64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** A login DRVN's sign_in accepts. */
export interface Credentials {
  login: string;
  password: string;
}

export interface TokenIssuer {
  /** A signed JWT for `sub`, expiring `lifetimeSeconds` after now. */
  issue(sub: string): string;
  /** Whether `token` was issued here and has not expired (by the injected clock). */
  accepts(token: string): boolean;
}

export function tokenIssuer(lifetimeSeconds: number, now: () => number): TokenIssuer {
  const key = randomBytes(32);
  const sign = (data: string) => createHmac("sha256", key).update(data).digest();
  return {
    issue(sub) {
      const iat = Math.floor(now() / 1000);
      const header = b64url(JSON.stringify({ alg: "HS256" }));
      const claims = {
        sub,
        scp: "user",
        aud: null,
        iat,
        exp: iat + lifetimeSeconds,
        jti: randomUUID(),
      };
      const payload = b64url(JSON.stringify(claims));
      return `${header}.${payload}.${b64url(sign(`${header}.${payload}`))}`;
    },
    accepts(token) {
      const [header, payload, signature] = token.split(".");
      if (!header || !payload || signature === undefined || token.split(".").length !== 3)
        return false;
      const expected = sign(`${header}.${payload}`);
      const given = Buffer.from(signature, "base64url");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
      const { exp } = JSON.parse(Buffer.from(payload, "base64url").toString()) as { exp: number };
      return now() / 1000 < exp;
    },
  };
}
