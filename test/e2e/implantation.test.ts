/**
 * End-to-end tests of the Implantation page: the default couveuses scenario with real data,
 * changing k, importing a structures file, the permalink.
 */
import {existsSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {launchBrowser, openPage} from "./browser.js";
import {serve, type StaticServer} from "../../bin/static-server.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = process.env.DIST_DIR ?? join(ROOT, "dist");

let server: StaticServer;
let browser: Browser;
beforeAll(async () => {
  if (!existsSync(join(DIST, "implantation.html"))) throw new Error("dist/ is missing: run npm run build first");
  server = await serve(DIST);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const shortlist = (page: Page) => page.locator('[data-table="shortlist"] tbody tr').allInnerTexts();
const sites = (page: Page) => page.locator('[data-map="implantation"] g.site').evaluateAll((gs) => gs.map((g) => (g as SVGGElement).dataset.site));

describe("the Implantation page", () => {
  test("proposes 5 couveuses outside Paris by default, says how much need they cover, with no console error", async () => {
    const opened = await openPage(browser, `${server.url}/implantation`);
    try {
      const page = opened.page;
      await page.waitForSelector('[data-table="shortlist"] tbody tr');
      expect(await shortlist(page)).toHaveLength(5);
      const codes = await sites(page);
      expect(codes).toHaveLength(5);
      expect(codes.every((c) => c && !c.startsWith("75")), `sites ${codes} must be outside Paris`).toBe(true);
      expect(await page.locator("[data-summary]").innerText()).toMatch(/personnes sous le seuil de pauvreté/);
      await page.waitForTimeout(500);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("changing k changes the shortlist, the map and the URL", async () => {
    const opened = await openPage(browser, `${server.url}/implantation`);
    try {
      const page = opened.page;
      await page.waitForSelector('[data-table="shortlist"] tbody tr');
      const k = page.getByRole("spinbutton", {name: "Nombre de sites (k)"});
      await k.fill("8");
      await k.press("Enter");
      await page.waitForFunction(() => document.querySelectorAll('[data-table="shortlist"] tbody tr').length === 8);
      expect(await sites(page)).toHaveLength(8);
      expect(new URL(page.url()).searchParams.get("k")).toBe("8");
    } finally {
      await opened.close();
    }
  });

  test("importing a structures file adds them to the existing supply and reports its rejects", async () => {
    const opened = await openPage(browser, `${server.url}/implantation?preset=couveuses`);
    try {
      const page = opened.page;
      await page.waitForSelector('[data-table="shortlist"] tbody tr');
      const before = await page.locator('[data-map="implantation"] circle.structure').count();
      await page.locator('input[type="file"]').setInputFiles(join(ROOT, "test/fixtures/structures/unknown-commune.csv"));
      await page.waitForSelector("[data-structures-import]");
      const report = await page.locator("[data-structures-import]").innerText();
      expect(report).toMatch(/1\s+structure chargée/);
      expect(report).toMatch(/4\s+lignes rejetées/);
      await page.waitForFunction((n) => document.querySelectorAll('[data-map="implantation"] circle.structure').length !== n, before);
    } finally {
      await opened.close();
    }
  });

  test("a structures file that is not CSV is refused with its reason, and the supply stays as it was", async () => {
    const opened = await openPage(browser, `${server.url}/implantation?preset=couveuses`);
    try {
      const page = opened.page;
      await page.waitForSelector('[data-table="shortlist"] tbody tr');
      await page.locator('input[type="file"]').setInputFiles(join(ROOT, "test/fixtures/not-csv/texte-unicode-utf16.csv"));
      await page.waitForSelector("[data-structures-import]");
      const report = (await page.locator("[data-structures-import]").innerText()).replace(/[\u202f\u00a0]/g, " ");
      expect(report).toMatch(/texte-unicode-utf16\.csv : fichier refusé, aucune ligne chargée ; attendu un fichier CSV .*UTF-16/);
      expect(report).not.toMatch(/0 structure/);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("a permalink restores the scenario", async () => {
    const opened = await openPage(browser, `${server.url}/implantation?preset=fabriques&k=3&r=12`);
    try {
      const page = opened.page;
      await page.waitForFunction(() => document.querySelectorAll('[data-table="shortlist"] tbody tr').length === 3);
      expect(await page.getByRole("spinbutton", {name: "Rayon couvert (km)"}).inputValue()).toBe("12");
      expect(await page.locator("[data-summary]").innerText()).toMatch(/12\s+km/);
    } finally {
      await opened.close();
    }
  });

  test("says that no site is proposed when no commune is a candidate, never « Les 0 site proposés »", async () => {
    const opened = await openPage(browser, `${server.url}/implantation?preset=couveuses&couronnes=`);
    try {
      const page = opened.page;
      await page.waitForSelector("[data-summary]");
      const summary = await page.locator("[data-summary]").innerText();
      expect(summary).toMatch(/^Aucun site n'est proposé : aucune commune n'est candidate/);
      expect(summary).not.toMatch(/\b0\s+site/);
      expect(await sites(page)).toEqual([]);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("a permalink made of built-in property names falls back to the preset, without error", async () => {
    const names = ["constructor", "toString", "__proto__", "hasOwnProperty"];
    const opened = await openPage(browser, `${server.url}/implantation?preset=__proto__&offre=${names.join(",")}&couronnes=constructor,petite_couronne,grande_couronne&k=toString`);
    try {
      const page = opened.page;
      await page.waitForSelector('[data-table="shortlist"] tbody tr');
      expect(await shortlist(page)).toHaveLength(5);
      const offre = new URL(page.url()).searchParams.get("offre");
      expect(offre, "no built-in name kept as a structure type").toBe("");
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("describes the optimiser the code runs: greedy with exact gains, a bound at every step, exhaustive search when small", async () => {
    const opened = await openPage(browser, `${server.url}/implantation`);
    try {
      const text = await opened.page.locator("#observablehq-main").innerText();
      expect(text).not.toMatch(/paresseux|Minoux/);
      expect(text).toContain("recherche exhaustive");
      expect(text).toContain("Leskovec");
    } finally {
      await opened.close();
    }
  });
});
