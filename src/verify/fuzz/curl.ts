// A request as a curl line someone can paste: the token stays in an environment
// variable ($PROLIFIC_TOKEN, $REWARDS_TOKEN), so the line carries no secret.
import type { Sent } from "./proxy.js";

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

export function curlLine(upstream: string, request: Sent, tokenVariable: string): string {
  const url = `${upstream.replace(/\/+$/, "")}${request.path}`;
  const parts = ["curl", "-sS", "-i", "-X", request.method.toUpperCase(), quote(url)];
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === "authorization") {
      const scheme = value.split(" ")[0];
      parts.push("-H", `"Authorization: ${scheme} $${tokenVariable}"`);
    } else parts.push("-H", quote(`${name}: ${value}`));
  }
  if (request.body !== undefined) parts.push("--data-raw", quote(JSON.stringify(request.body)));
  return parts.join(" ");
}
