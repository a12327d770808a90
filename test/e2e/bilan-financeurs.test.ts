/**
 * The Bilan by funder and year on the built site (dist/): Ville de Paris figures with their
 * threshold, switching funder and view, aid against need with its caveat, co-funded beneficiaries,
 * the printable report page, and axe on the funder views.
 */
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser, Page} from "playwright-core";
import {describe, expect, test} from "vitest";
import type {StaticServer} from "../../bin/static-server.js";
import {openPage, useBuiltSite} from "./browser.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const AXE = join(ROOT, "node_modules/axe-core/axe.min.js");
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");
const MENTION = "subventions ≥ 40 000 €";

let server: StaticServer;
let browser: Browser;
useBuiltSite("bilan.html", (s, b) => ([server, browser] = [s, b]));

const ready = (page: Page, year: string) => page.waitForFunction((y) => document.documentElement.dataset.bilanReady === y && document.querySelector("section.bilan-financeur, section.serie-financeur") !== null, year);

async function axeBlocking(page: Page): Promise<string[]> {
  await page.addScriptTag({path: AXE});
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as {axe: {run(d: Document, o: object): Promise<{violations: {id: string; impact: string | null; nodes: {target: unknown[]}[]}[]}>}}).axe;
    return (await axe.run(document, {resultTypes: ["violations"]})).violations.map((v) => ({id: v.id, impact: v.impact, target: JSON.stringify(v.nodes[0]?.target)}));
  });
  return violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => `${v.impact} ${v.id} ${v.target}`);
}

describe("the Ville de Paris in 2019", () => {
  test("shows the loaded total and count with the threshold on every card, what was set aside, and no console error", async () => {
    const opened = await openPage(browser, `${server.url}/bilan?financeur=ville_paris&annee=2019`);
    try {
      const {page} = opened;
      await ready(page, "2019");
      const section = page.locator("section.bilan-financeur");
      expect(plain(await section.locator("h2").first().innerText())).toBe(`Ville de Paris — 2019 (${MENTION})`);
      const cards = (await section.locator(".card").allInnerTexts()).map(plain);
      expect(cards).toHaveLength(4);
      for (const card of cards) expect(card).toContain(MENTION);
      expect(cards[0]).toContain("255 277 817 €");
      expect(cards[1]).toMatch(/914\s/);
      // 919 records in the city's 2019 file (aides/SOURCES.md), 5 set aside for their SIRET
      expect(plain(await section.locator("p.source").innerText())).toContain("919 lus, 914 chargés, 5 écartés avec leur raison");
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("has no serious accessibility violation, in the year view and in the series view", async () => {
    const opened = await openPage(browser, `${server.url}/bilan?financeur=ville_paris&annee=2019`);
    try {
      const {page} = opened;
      await ready(page, "2019");
      expect(await axeBlocking(page)).toEqual([]);
      await page.getByLabel("Toute la série").check();
      await page.waitForSelector("section.serie-financeur");
      expect(await axeBlocking(page)).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

describe("choosing a funder and a view", () => {
  test("the State opens on its last year, in its own section, and the address follows the choice", async () => {
    const opened = await openPage(browser, `${server.url}/bilan?financeur=ville_paris&annee=2019`);
    try {
      const {page} = opened;
      await ready(page, "2019");
      await page.getByLabel("Financeur").selectOption({label: "État (politique de la ville, programme 147)"});
      await page.waitForFunction(() => document.querySelector("section.bilan-financeur")?.getAttribute("data-financeur") === "etat_politique_ville");
      expect(plain(await page.locator("section.bilan-financeur h2").innerText())).toBe("État (politique de la ville, programme 147) — 2023");
      expect(new URL(page.url()).search).toBe("?financeur=etat_politique_ville&annee=2023");
      // never the city's threshold on the State's figures
      expect(await page.locator("section.bilan-financeur").innerText()).not.toContain("40 000");
    } finally {
      await opened.close();
    }
  });

  test("the series view lists every year of the Ville de Paris, the partial 2025 without a change", async () => {
    const opened = await openPage(browser, `${server.url}/bilan?financeur=ville_paris&annee=2019&vue=serie`);
    try {
      const {page} = opened;
      await ready(page, "2019");
      const rows = (await page.locator("section.serie-financeur tbody tr").allInnerTexts()).map((r) => plain(r).split("\t").map((c) => c.trim()));
      expect(rows.map((r) => r[0])).toEqual(["2013", "2014", "2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025"]);
      expect(rows.at(-1)![3]).toBe("année partielle");
    } finally {
      await opened.close();
    }
  });
});

describe("aid against need and co-funding", () => {
  test("the arrondissement chart carries the seat caveat, and its table has the 20 arrondissements", async () => {
    const opened = await openPage(browser, `${server.url}/bilan?financeur=ville_paris&annee=2019`);
    try {
      const {page} = opened;
      await ready(page, "2019");
      await page.getByLabel("Année (Ville de Paris)").selectOption("2019");
      const figure = page.locator("figure").filter({hasText: "SIÈGE du bénéficiaire"}).first();
      expect(plain(await figure.innerText())).toContain("pas du lieu de l'action");
      const table = page.locator("table").filter({has: page.locator("caption", {hasText: "Tableau des mêmes données, 2019"})});
      expect(await table.locator("tbody tr").count()).toBe(20);
    } finally {
      await opened.close();
    }
  });

  test("co-funded beneficiaries: the count and one line per legal unit", async () => {
    const opened = await openPage(browser, `${server.url}/bilan`);
    try {
      const {page} = opened;
      await page.waitForSelector("table.cofinancements");
      // 86 legal units, 76 establishments in common (computed apart from this code, see test/aides.integration.test.ts)
      expect(plain(await page.locator("#cofinancements ~ div p").first().innerText())).toMatch(/^86 structures/);
      expect(await page.locator("table.cofinancements tbody tr").count()).toBe(86);
      expect(await page.locator('a[href="./donnees#cofinancements"]').count()).toBe(1);
    } finally {
      await opened.close();
    }
  });
});

describe("the printable report page", () => {
  test("2019 has a section for the Region and one for the Ville de Paris, a series for the Ville de Paris (the Region has one year), and none for the State", async () => {
    const opened = await openPage(browser, `${server.url}/bilan-rapport?annee=2019`);
    try {
      const {page} = opened;
      await page.waitForFunction(() => document.documentElement.dataset.printStatus === "ok");
      const sections = await page.locator("section.report-funder").evaluateAll((s) => s.map((x) => (x as HTMLElement).dataset.financeur));
      expect(sections).toEqual(["region_idf", "ville_paris"]);
      expect(await page.locator("section.report-funder[data-financeur=ville_paris] .report-serie").count()).toBe(1);
      expect(await page.locator("section.report-funder[data-financeur=region_idf] .report-serie").count()).toBe(0);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });
});
