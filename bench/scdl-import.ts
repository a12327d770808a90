/**
 * The SCDL import at national size in the browser: a generated file of IMPORT_ROWS rows (default
 * 1,000,000; 300 collectivités, two years, amounts with cents, 1 line in 1,000 with a wrong SIRET
 * check digit — an incomplete record —, 1 in 2,000 an exact duplicate) is chosen on /bilan; measured:
 * - the time from the choice (the page's mark "scdl-import-start") to the bilan in the page;
 * - the longest main-thread task meanwhile (PerformanceObserver "longtask"): the page must never be
 *   blocked more than 100 ms;
 * - the peak memory of Chromium's renderer processes (RSS, sampled every 250 ms with ps; the worker
 *   runs in the page's renderer), and the page's JS heap after the import.
 */
import {execFileSync} from "node:child_process";
import {createWriteStream} from "node:fs";
import {mkdtemp, rm, stat} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Browser} from "playwright-core";
import {isValidSiret} from "../src/model/scdl.js";
import {mulberry32} from "../src/lib/random.js";

export const IMPORT_TARGETS = {totalMs: 10_000, longestTaskMs: 100};

const HEADER = "nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;rnaBeneficiaire;objet;montant;nature;conditionsVersement;datesPeriodeVersement;idRAE;notificationUE;pourcentageSubvention;dispositifAide";

const siret = (base: string) => {
  for (let d = 0; d <= 9; d++) if (isValidSiret(base + d)) return base + d;
  throw new Error(base);
};

/** Writes the generated file; returns its path and size. Deterministic (seeded). */
export async function generateScdl(dir: string, rows: number): Promise<{path: string; bytes: number}> {
  const random = mulberry32(20261129);
  const attribuants = Array.from({length: 300}, (_, i) => ({nom: `Commune n° ${i + 1}`, siret: siret(`21${String(750000 + i).padStart(7, "0")}0001`)}));
  const beneficiaires = Array.from({length: 50_000}, (_, i) => ({nom: `Association « Solidarité ${i + 1} », quartier ${i % 97}`, siret: siret(`4${String(10_000_000 + i).padStart(8, "0")}0001`)}));
  const path = join(dir, `scdl-${rows}.csv`);
  const out = createWriteStream(path);
  const write = (text: string) => new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once("drain", resolve)));
  await write(`${HEADER}\n`);
  let batch: string[] = [];
  let previous = "";
  for (let i = 0; i < rows; i++) {
    let line: string;
    if (i % 2000 === 1999) line = previous; // an exact duplicate of the line before
    else {
      const a = attribuants[Math.floor(random() * attribuants.length)];
      const b = beneficiaires[Math.floor(random() * beneficiaires.length)];
      const year = 2023 + (i % 2);
      const month = String(1 + Math.floor(random() * 12)).padStart(2, "0");
      const day = String(1 + Math.floor(random() * 28)).padStart(2, "0");
      const amount = (500 + Math.floor(random() * 200_000) + Math.floor(random() * 100) / 100).toFixed(2);
      const id = i % 1000 === 500 ? b.siret.slice(0, 13) + ((Number(b.siret[13]) + 1) % 10) : b.siret; // 1 in 1,000: wrong check digit
      line = `${a.nom};${a.siret};${year}-${month}-${day};DEL-${year}-${i};"${b.nom}";${id};;Soutien au projet n° ${i} pour les habitants;${amount};aide en numéraire;unique;${year}-${month}-${day};;non;0.5;`;
    }
    previous = line;
    batch.push(line);
    if (batch.length === 10_000) {
      await write(batch.join("\n") + "\n");
      batch = [];
    }
  }
  if (batch.length) await write(batch.join("\n") + "\n");
  await new Promise<void>((resolve) => out.end(resolve));
  return {path, bytes: (await stat(path)).size};
}

export interface ImportRun {
  rows: number;
  fileBytes: number;
  totalMs: number;
  workerMs: number;
  /** Helper workers that validated blocks in parallel (0: the coordinator alone). */
  helpers: number;
  longestTaskMs: number;
  longTasks: number;
  peakRendererRssMiB: number;
  pageHeapMiB: number;
  status: string;
}

function rendererRssKiB(pids: number[]): number {
  if (!pids.length) return 0;
  try {
    return execFileSync("ps", ["-o", "rss=", "-p", pids.join(",")], {encoding: "utf8"}).split("\n").map(Number).filter(Number.isFinite).reduce((s, v) => s + v, 0);
  } catch {
    return 0;
  }
}

export async function measureScdlImport(browser: Browser, url: string, rows: number): Promise<ImportRun> {
  const dir = await mkdtemp(join(tmpdir(), "bench-scdl-"));
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  try {
    const file = await generateScdl(dir, rows);
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as {__longTasks: {start: number; duration: number}[]};
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({start: e.startTime, duration: e.duration});
      }).observe({type: "longtask", buffered: true});
    });
    await page.goto(url, {waitUntil: "load"});
    await page.waitForSelector("#scdl-fichier");
    await page.waitForLoadState("networkidle").catch(() => {});
    const browserCdp = await browser.newBrowserCDPSession();
    const {processInfo} = (await browserCdp.send("SystemInfo.getProcessInfo")) as {processInfo: {id: number; type: string}[]};
    const renderers = processInfo.filter((p) => p.type === "renderer").map((p) => p.id);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rendererRssKiB(renderers))), 250);
    // When the bilan appears in the page, as the page's own clock sees it.
    const before = await page.evaluate(() => {
      const w = window as unknown as {__bilanAt?: number};
      new MutationObserver((_, observer) => {
        if (document.querySelector("[data-import-bilan]")) {
          w.__bilanAt = performance.now();
          observer.disconnect();
        }
      }).observe(document.body, {childList: true, subtree: true});
      return performance.now();
    });
    await page.setInputFiles("#scdl-fichier", file.path);
    await page.waitForSelector("[data-import-bilan]", {timeout: 600_000});
    clearInterval(sampler);
    peak = Math.max(peak, rendererRssKiB(renderers));
    const measures = await page.evaluate((from) => {
      const w = window as unknown as {__longTasks: {start: number; duration: number}[]; __bilanAt?: number};
      const start = performance.getEntriesByName("scdl-import-start").at(-1);
      const during = w.__longTasks.filter((t) => t.start >= from);
      const root = document.querySelector<HTMLElement>("#scdl-fichier")!.closest<HTMLElement>(".file-import")!;
      return {
        totalMs: start && w.__bilanAt !== undefined ? w.__bilanAt - start.startTime : NaN,
        workerMs: Number(root.dataset.importMs),
        helpers: Number(root.dataset.importAides),
        longestTaskMs: Math.max(0, ...during.map((t) => t.duration)),
        longTasks: during.length,
        pageHeapMiB: ((performance as unknown as {memory?: {usedJSHeapSize: number}}).memory?.usedJSHeapSize ?? NaN) / 1048576,
        status: document.querySelector("[data-import-status]")?.textContent ?? ""
      };
    }, before);
    await browserCdp.detach();
    return {rows, fileBytes: file.bytes, peakRendererRssMiB: peak / 1024, ...measures};
  } finally {
    await context.close();
    await rm(dir, {recursive: true, force: true});
  }
}
