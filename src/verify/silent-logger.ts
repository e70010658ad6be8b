// Prism logs through pino; verify reports through its own results instead. Any log
// method is a no-op and `child()` gives the same logger.
const noop = () => {};
// biome-ignore lint/suspicious/noExplicitAny: stands in for pino's Logger, whatever Prism calls
export const silentLogger: any = new Proxy(
  {},
  { get: (_, key) => (key === "child" ? () => silentLogger : noop) },
);
