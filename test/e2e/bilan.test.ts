/**
 * End-to-end tests of the Bilan page (built site in dist/): the 2019 bilan from the report's
 * figures, the in-browser SCDL import (nothing uploaded) and the A4 PDF report.
 */
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {launchBrowser, openPage} from "./browser.js";
import {serve, type StaticServer} from "../../bin/static-server.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = process.env.DIST_DIR ?? join(ROOT, "dist");
const fixture = (name: string) => join(ROOT, "test/fixtures/scdl", name);
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

let server: StaticServer;
let browser: Browser;
beforeAll(async () => {
  if (!existsSync(join(DIST, "bilan.html"))) throw new Error("dist/ is missing: run npm run build first");
  server = await serve(DIST);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the 2019 bilan", () => {
  test("shows the report's 1,080,000 € for 11 aids, of which 905,000 € named, with no console error", async () => {
    const opened = await openPage(browser, `${server.url}/bilan?annee=2019`);
    try {
      await opened.page.waitForFunction(() => document.documentElement.dataset.bilanReady === "2019");
      const cards = plain(await opened.page.locator(".card").allInnerTexts().then((t) => t.join(" | ")));
      expect(cards).toContain("1 080 000 €");
      expect(cards).toMatch(/Aides\s+11/);
      expect(cards).toContain("905 000 €");
      await opened.page.waitForTimeout(500);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });
});

describe("importing an SCDL file in the browser", () => {
  test("a file with bad SIRETs gets a validation report naming each rejected line, and a bilan of its valid rows", async () => {
    const opened = await openPage(browser, `${server.url}/bilan`);
    try {
      const page = opened.page;
      await page.waitForSelector("#scdl-fichier");
      const uploads: string[] = [];
      page.on("request", (r) => r.method() !== "GET" && uploads.push(r.url()));
      await page.setInputFiles("#scdl-fichier", fixture("invalid-siret-checksum.csv"));
      await page.waitForSelector("[data-import-report]");
      const report = plain(await page.locator("[data-import-report]").innerText());
      expect(report).toContain("invalid-siret-checksum.csv");
      expect(report).toMatch(/1\s+ligne\(s\) valide\(s\), 2\s+rejetée\(s\)/);
      const problems = await page.locator('[aria-label="Problèmes du fichier importé"] tbody tr').allInnerTexts();
      expect(problems.map((p) => p.split("\t").map((c) => c.trim()).filter(Boolean).slice(0, 2).join(" "))).toEqual(expect.arrayContaining(["3 idAttribuant", "4 idBeneficiaire"]));
      expect(plain(await page.locator("[data-import-bilan]").innerText())).toContain("15 000 €");
      expect(uploads, "nothing is sent to a server").toEqual([]);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("a beneficiary named <script> or <img onerror> is shown as text, never run", async () => {
    const opened = await openPage(browser, `${server.url}/bilan`);
    try {
      const page = opened.page;
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.waitForSelector("#scdl-fichier");
      await page.setInputFiles("#scdl-fichier", fixture("html-in-name.csv"));
      await page.waitForSelector("[data-import-bilan]");
      const text = await page.locator("main").innerText();
      expect(text).toContain('<script>alert("x")</script>');
      expect(text).toContain("<img src=x onerror=alert(1)>");
      expect(await page.locator("main img").count(), "no <img> element was created from a name").toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

describe("the printed report", () => {
  test("npm run report -- --year 2019 writes an A4 PDF", () => {
    const out = join(mkdtempSync(join(tmpdir(), "atlas-report-")), "bilan-2019.pdf");
    const result = spawnSync("npx", ["tsx", "bin/report.ts", "--year", "2019", "--out", out], {cwd: ROOT, encoding: "utf8", env: {...process.env, DIST_DIR: DIST}});
    expect(result.status, result.stderr).toBe(0);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(statSync(out).size).toBeGreaterThan(20_000);
    // A4 = 595 × 842 points
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString("latin1"));
    expect(box, "a page size in the PDF").not.toBeNull();
    expect([Math.round(Number(box![1])), Math.round(Number(box![2]))]).toEqual([595, 842]);
  }, 120_000);
});
