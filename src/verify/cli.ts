#!/usr/bin/env node
// payouts-verify-provider: checks a live provider against the spec through Prism's proxy.
import { parseVerifyArgs } from "./cli-args.js";

const HELP = `Usage: npm run verify:provider -- --api prolific|rewards --upstream URL [options]

The token comes from PROLIFIC_TOKEN or REWARDS_TOKEN (never a flag: flags end up in
shell history). Nothing that moves money or changes data runs unless you name it.
Exit code: 0 the provider matches the spec, 1 it drifts, 2 usage, 3 ERROR (unreachable,
failing with a 5xx, or an answer the check does not expect: nothing could be judged).

  --reward-ids 1,2     DRVN reward ids to mark (required for --api rewards: their state
                       is set, idempotently, to the spec example's; use staging ids)
  --include-pay        also call Prolific's pay (MOVES MONEY); needs --pay-id
  --pay-id <id>        the bulk bonus payment to pay (once)
  --fuzz <n>           then send n generated requests per operation and class (valid,
                       invalid), checked as Schemathesis does; a failure is shrunk and
                       printed as a curl line. Pay is never generated.
  --seed <s>           seed of --fuzz (default: random, printed); same seed, same requests
  --json               print the report as JSON`;

async function main(): Promise<number> {
  const parsed = parseVerifyArgs(process.argv.slice(2), process.env);
  if ("help" in parsed) {
    console.log(HELP);
    return 0;
  }
  if ("usage" in parsed) {
    console.error(`verify:provider: ${parsed.usage} (--help for usage)`);
    return 2;
  }
  const { options } = parsed;
  // Prism's engine loads only now: a usage error answers at once.
  const { formatReport, formatScenario, verifyProvider } = await import("./verify-provider.js");
  const { formatFuzzReport, fuzzProvider } = await import("./fuzz/fuzz-provider.js");
  console.error(`verify:provider: ${options.api} at ${options.upstream}, through prism proxy`);
  const report = await verifyProvider({
    ...options,
    onProgress: (scenario, index, total) =>
      console.error(`[${index}/${total}]${formatScenario(scenario).slice(1)}`),
  });
  let code = report.result === "error" ? 3 : report.result === "drift" ? 1 : 0;
  if (options.fuzz === 0) {
    console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return code;
  }
  const fuzz = await fuzzProvider({
    ...options,
    runs: options.fuzz,
    onProgress: (line) => console.error(`[fuzz] ${line}`),
  });
  if (options.json) console.log(JSON.stringify({ scenarios: report, fuzz }, null, 2));
  else console.log(`${formatReport(report)}\n${formatFuzzReport(fuzz)}`);
  if (fuzz.result === "error") code = 3;
  else if (fuzz.result === "fail" && code === 0) code = 1;
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`verify:provider: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(3);
  },
);
