/**
 * The annual report's generation time, as a user gets it: `npm run report -- --year 2019 …` run from
 * a built site, start to end of the command (node, the static server, Chromium, the page, the PDF),
 * `runs` times; the median, and the PDF's page count. Two documents: the Region's 2019 report (the
 * issue's ≤ 6 pages document) and 2019 with every funder the data holds (the default: the Region and
 * the Ville de Paris, whose 500-odd beneficiaries are all listed).
 * `npm run bench -- --only report` runs this part alone.
 */
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

export const REPORT_TARGETS = {generationMs: 20_000, pagesMax: 6};

export interface ReportRun {
  ms: number;
  pages: number;
}

export interface ReportBench {
  command: string;
  /** The page-count target applies to this document (the Region's 2019 report), not to the others. */
  pagesTarget: boolean;
  generationMs: {median: number; runs: number[]};
  pages: number;
}

/** The documents measured, and how many runs each. */
export const REPORT_CASES: {args: string[]; runs: number; pagesTarget: boolean}[] = [
  {args: ["--year", "2019", "--funder", "region_idf"], runs: 3, pagesTarget: true},
  {args: ["--year", "2019"], runs: 3, pagesTarget: false}
];

export function measureReport({root, dist, args = ["--year", "2019", "--funder", "region_idf"], runs = 3}: {root: string; dist: string; args?: string[]; runs?: number}): ReportRun[] {
  const dir = mkdtempSync(join(tmpdir(), "atlas-bench-report-"));
  try {
    return Array.from({length: runs}, (_, i) => {
      const start = performance.now();
      const result = spawnSync(process.execPath, ["--import", "tsx", "bin/report.ts", ...args, "--out", join(dir, `run-${i}.pdf`)], {cwd: root, encoding: "utf8", env: {...process.env, DIST_DIR: dist}});
      const ms = performance.now() - start;
      if (result.status !== 0) throw new Error(`npm run report -- ${args.join(" ")} failed: ${result.stderr}`);
      const pages = Number(/(\d+) pages/.exec(result.stdout)?.[1] ?? NaN);
      return {ms, pages};
    });
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Every case of REPORT_CASES, measured one after the other (progress on stderr). */
export function benchReport({root, dist}: {root: string; dist: string}): ReportBench[] {
  return REPORT_CASES.map(({args, runs, pagesTarget}) => {
    const command = `npm run report -- ${args.join(" ")}`;
    process.stderr.write(`Annual report: ${command}, ${runs} runs…\n`);
    const measured = measureReport({root, dist, args, runs});
    return {command, pagesTarget, generationMs: {median: median(measured.map((r) => r.ms)), runs: measured.map((r) => Math.round(r.ms))}, pages: measured[0].pages};
  });
}

/** The report's lines of the bench table: generation time and pages against their targets. */
export function printReport(results: ReportBench[]): void {
  const target = (value: number, max: number) => [`≤ ${max}`, Number.isFinite(value) ? (value <= max ? "yes" : "NO") : "—"];
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(24) : c.padStart(10))).join(" ");
  for (const r of results) {
    console.log(`\nAnnual report (${r.command}, from dist/, ${r.generationMs.runs.length} runs, whole command)`);
    console.log(row(["measure (median)", "value", "target", "ok"]));
    console.log(row(["generation (ms)", String(Math.round(r.generationMs.median)), ...target(r.generationMs.median, REPORT_TARGETS.generationMs)]));
    console.log(row(["pages", String(r.pages), ...(r.pagesTarget ? target(r.pages, REPORT_TARGETS.pagesMax) : ["", ""])]));
  }
}
