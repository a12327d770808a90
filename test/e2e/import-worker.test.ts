/**
 * The SCDL import in a Web Worker (dist/): a large generated file shows its progress and can be
 * cancelled (nothing is then reported); the page keeps answering while it validates; a file with
 * two attribuants gives two totals, never one sum.
 */
import {existsSync} from "node:fs";
import {mkdtemp, rm} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {generateScdl} from "../../bench/scdl-import.js";
import {serve, type StaticServer} from "../../bin/static-server.js";
import {launchBrowser, openPage} from "./browser.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = process.env.DIST_DIR ?? join(ROOT, "dist");
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

let server: StaticServer;
let browser: Browser;
let dir: string;
let large: string;
beforeAll(async () => {
  if (!existsSync(join(DIST, "bilan.html"))) throw new Error("dist/ is missing: run npm run build first");
  server = await serve(DIST);
  browser = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), "atlas-import-"));
  large = (await generateScdl(dir, 300_000)).path; // about 60 MB: long enough to be seen running
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, {recursive: true, force: true});
});

describe("a large import runs in the background", () => {
  test("it shows its progress, and « Annuler » stops it: no report, the status says it was cancelled", async () => {
    const opened = await openPage(browser, `${server.url}/bilan`);
    try {
      const {page} = opened;
      await page.waitForSelector("#scdl-fichier");
      await page.setInputFiles("#scdl-fichier", large);
      await page.waitForFunction(() => document.querySelector<HTMLElement>(".file-import")?.dataset.importState === "validation");
      await page.waitForFunction(() => Number(document.querySelector<HTMLProgressElement>(".file-import progress")?.value) > 0, undefined, {timeout: 60_000});
      expect(await page.locator(".file-import progress").isVisible()).toBe(true);
      await page.getByRole("button", {name: "Annuler l'import"}).click();
      expect(plain(await page.locator("[data-import-status]").innerText())).toContain("Import annulé");
      await page.waitForTimeout(1000);
      expect(await page.locator("[data-import-report], [data-import-bilan]").count()).toBe(0);
      expect(await page.locator(".file-import progress").isHidden()).toBe(true);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("while it validates, the page still answers: another funder's bilan is drawn before the import ends", async () => {
    const opened = await openPage(browser, `${server.url}/bilan?financeur=region_idf&annee=2019`);
    try {
      const {page} = opened;
      await page.waitForSelector("#scdl-fichier");
      await page.setInputFiles("#scdl-fichier", large);
      await page.waitForFunction(() => document.querySelector<HTMLElement>(".file-import")?.dataset.importState === "validation");
      await page.getByLabel("Financeur").selectOption({label: "Ville de Paris"});
      await page.waitForFunction(() => document.querySelector("section.bilan-financeur")?.getAttribute("data-financeur") === "ville_paris");
      expect(await page.evaluate(() => document.querySelector<HTMLElement>(".file-import")!.dataset.importState)).toBe("validation");
      await page.waitForSelector("[data-import-bilan]", {timeout: 300_000});
      // 300,000 lines: one in 1,000 with a wrong SIRET check digit (loaded as incomplete, counted
      // apart), one in 2,000 an exact duplicate of the line before
      expect(plain(await page.locator("[data-import-status]").innerText())).toBe("scdl-300000.csv : 299 550 lignes valides, 300 lignes incomplètes (chargées à part), 0 ligne rejetée, 150 doublons exacts (chargés une fois).");
      expect(plain(await page.locator("[data-import-bilan]").innerText())).toContain("Lignes chargées (valides et incomplètes) de 300 attribuants : chacun a son total, les montants de deux attribuants ne s'additionnent pas.");
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  }, 360_000);
});
