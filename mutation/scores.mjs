// The mutation score per folder, from Stryker's results files (`npm run test:mutation`
// writes one per folder under mutation/incremental/): `node mutation/scores.mjs FILE…`.
// Prints a table and exits 1 when a folder is under the threshold, or a file is missing.
// Score = (killed + timed out) / (killed + timed out + survived + no coverage), as
// Stryker counts it; ignored mutants (error-message text) and compile errors are left out.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

export const THRESHOLD = 90;

/** Counts by folder (`src/core`, …) of every mutant in one Stryker JSON report. */
export function countByFolder(report) {
  const folders = new Map();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = file.split("/").slice(0, 2).join("/");
    const counts = folders.get(folder) ?? { detected: 0, undetected: 0, ignored: 0 };
    for (const { status } of mutants) {
      if (status === "Killed" || status === "Timeout") counts.detected++;
      else if (status === "Survived" || status === "NoCoverage") counts.undetected++;
      else counts.ignored++;
    }
    folders.set(folder, counts);
  }
  return folders;
}

/** One line per folder, then the total, and whether every folder holds the threshold. */
export function scoreTable(reports, threshold = THRESHOLD) {
  const rows = [];
  const total = { detected: 0, undetected: 0, ignored: 0 };
  for (const report of reports) {
    for (const [folder, counts] of countByFolder(report)) {
      rows.push([folder, counts]);
      for (const key of Object.keys(total)) total[key] += counts[key];
    }
  }
  const score = ({ detected, undetected }) =>
    detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected);
  const line = (name, counts) =>
    `${name.padEnd(14)} ${String(counts.detected + counts.undetected).padStart(7)} ` +
    `${String(counts.undetected).padStart(10)} ${score(counts).toFixed(1).padStart(6)} %`;
  const lines = [
    `${"folder".padEnd(14)} ${"mutants".padStart(7)} ${"undetected".padStart(10)}  score`,
  ];
  for (const [folder, counts] of rows) lines.push(line(folder, counts));
  lines.push(line("all", total));
  const under = rows.filter(([, counts]) => score(counts) < threshold).map(([folder]) => folder);
  if (under.length > 0) lines.push(`under ${threshold} %: ${under.join(", ")}`);
  return { text: lines.join("\n"), ok: under.length === 0 && rows.length > 0 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const files = process.argv.slice(2);
  let reports;
  try {
    reports = files.map((file) => JSON.parse(readFileSync(file, "utf8")));
  } catch (error) {
    console.error(`mutation/scores.mjs: ${error.message}`);
    process.exit(1);
  }
  const { text, ok } = scoreTable(reports);
  console.log(text);
  process.exit(ok ? 0 : 1);
}
