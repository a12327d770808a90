/**
 * The annual report's generation time, as a user gets it: `npm run report -- --year 2019 --funder
 * region_idf` run from a built site, start to end of the command (node, the static server, Chromium,
 * the page, the PDF), `runs` times; the median, and the PDF's page count.
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
