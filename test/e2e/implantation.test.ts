/**
 * End-to-end tests of the Implantation page: the default couveuses scenario with real data,
 * changing k, importing a structures file, the permalink.
 */
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser, Page} from "playwright-core";
import {describe, expect, test} from "vitest";
import {openPage, useBuiltSite} from "./browser.js";
import type {StaticServer} from "../../bin/static-server.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

let server: StaticServer;
let browser: Browser;
useBuiltSite("implantation.html", (s, b) => ([server, browser] = [s, b]));

const shortlist = (page: Page) => page.locator('[data-table="shortlist"] tbody tr').allInnerTexts();
const sites = (page: Page) => page.locator('[data-map="implantation"] g.site').evaluateAll((gs) => gs.map((g) => (g as SVGGElement).dataset.site));

describe("the Implantation page", () => {
  test("on a 1280×800 screen the map sits beside the controls: both in view once the scenario is reached, the controls first in keyboard order", async () => {
    const opened = await openPage(browser, `${server.url}/implantation?preset=couveuses`);
    try {
      const {page} = opened;
      await page.setViewportSize({width: 1280, height: 800});
      await page.waitForSelector('[data-map="implantation"] svg');
      await page.getByRole("heading", {name: "Le scénario"}).evaluate((h) => h.scrollIntoView());
      const [controls, map, k] = await Promise.all(
        ['.placement-controls', '[data-map="implantation"] svg', 'input[aria-label="Nombre de sites (k), curseur"]'].map((s) =>
          page.locator(s).first().evaluate((e) => JSON.parse(JSON.stringify(e.getBoundingClientRect())))
        )
      );
      expect(map.left).toBeGreaterThanOrEqual(controls.right); // beside, not below
      expect(map.top).toBeLessThan(800 - 200); // at least 200 px of the map in view
      expect(k.bottom).toBeLessThan(800); // the number of sites too
      // Keyboard order: the scenario's controls come before the map and its table.
      const order = await page.evaluate(() => {
        const a = document.querySelector(".placement-controls input")!;
        const b = document.querySelector('[data-map="implantation"]')!;
        return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
      });
      expect(order).toBeTruthy();
    } finally {
      await opened.close();
    }
  });

  test("proposes 5 couveuses outside Paris by default, says how much need they cover, with no console error", async () => {
    const opened = await openPage(browser, `${server.url}/implantation`);
    try {
      const page = opened.page;
      await page.waitForSelector('[data-table="shortlist"] tbody tr');
      expect(await shortlist(page)).toHaveLength(5);
      const codes = await sites(page);
      expect(codes).toHaveLength(5);
      expect(codes.every((c) => c && !c.startsWith("75")), `sites ${codes} must be outside Paris`).toBe(true);
      expect(await page.locator("[data-summary]").innerText()).toMatch(/chômeurs de 15 à 64 ans/);
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

  test("the p-median objective proposes k sites and reports mean distances with its proof", async () => {
    const opened = await openPage(browser, `${server.url}/implantation?preset=couveuses&objectif=p_median&k=10`);
    try {
      const page = opened.page;
      await page.waitForFunction(() => document.querySelectorAll('[data-table="shortlist"] tbody tr').length === 10, undefined, {timeout: 60_000});
      const summary = (await page.locator("[data-summary]").innerText()).replace(/[\u202f\u00a0]/g, " ");
      expect(summary).toMatch(/^Les 10 sites proposés rapprochent au mieux la demande connue \([\d ]+ chômeurs de 15 à 64 ans\)/);
      expect(summary).toMatch(/Distance moyenne de la demande \(chômeurs de 15 à 64 ans\) à la structure la plus proche : \d+,\d km → \d+,\d km/);
      expect(summary).toMatch(/borne inférieure|meilleure solution possible/);
      expect(await page.getByRole("radio", {name: /p-médiane/}).isChecked()).toBe(true);
      // the proposal limited to the places of need is solved with the same objective
      const restriction = (await page.locator("[data-restriction]").innerText()).replace(/[\u202f\u00a0]/g, " ");
      expect(restriction).toMatch(/^Sites libres : 10 sites, .* distance moyenne \d+,\d km\)\. Sites limités aux communes des quintiles 4 et 5 de l'indice régional, ou communes avec un quartier prioritaire connu ou une poche de pauvreté \(IRIS\) \([\d ]+ communes candidates\) : 10 sites,/);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("the set-covering objective says how many sites the threshold needs, and that it is the fewest or a bound", async () => {
    const opened = await openPage(browser, `${server.url}/implantation?preset=couveuses&objectif=ensemble_couvrant&seuil=5000`);
    try {
      const page = opened.page;
      await page.waitForFunction(() => /Il faut|Aucun site n'est nécessaire/.test(document.querySelector("[data-summary]")?.textContent ?? ""), undefined, {timeout: 60_000});
      const summary = (await page.locator("[data-summary]").innerText()).replace(/[\u202f\u00a0]/g, " ");
      expect(summary).toMatch(/au moins 5 000 chômeurs de 15 à 64 ans/);
      expect(summary).toMatch(/plus petit nombre possible|Au moins \d+ sites? (est|sont) nécessaires?|Aucun site n'est nécessaire/);
      const rows = await shortlist(page);
      expect(await sites(page)).toHaveLength(rows.length);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("the gap is read by family: the table gives each family's vintage, and the families chosen change the map and the URL", async () => {
    const opened = await openPage(browser, `${server.url}/implantation`);
    try {
      const page = opened.page;
      await page.waitForSelector('[data-table="shortlist"] tbody tr');
      const families = (await page.locator(`[aria-label="L'offre et l'écart par famille"] tbody tr`).allInnerTexts()).map((r) => r.trim());
      expect(families).toHaveLength(5);
      expect(families.find((r) => r.startsWith("Accès aux droits"))).toContain("2024");
      expect(families.find((r) => r.startsWith("Service public de l'emploi"))).toContain("2019");
      const highNoSupport = () => page.locator('[data-map="implantation"] path[fill="#b2182b"]').count();
      const before = await highNoSupport();
      await page.getByRole("checkbox", {name: /Accès aux droits/}).check();
      await page.waitForFunction(() => new URL(location.href).searchParams.get("familles")?.includes("acces_droits"));
      // more families read: never more communes of high need left without any of them within reach
      await page.waitForFunction((n) => document.querySelectorAll('[data-map="implantation"] path[fill="#b2182b"]').length <= n, before);
      expect(await highNoSupport()).toBeLessThanOrEqual(before);
      expect(await page.locator("#observablehq-main").innerText()).toMatch(/accès aux droits \(2024\)/);
    } finally {
      await opened.close();
    }
  });

  test("two scenarios side by side: sites, covered demand, distances and the places that change status", async () => {
    const opened = await openPage(browser, `${server.url}/implantation?preset=couveuses&k=3`);
    try {
      const page = opened.page;
      await page.waitForFunction(() => document.querySelectorAll('[data-table="shortlist"] tbody tr').length === 3);
      await page.getByRole("button", {name: "Garder ce scénario pour comparer"}).click();
      await page.getByRole("radio", {name: /p-médiane/}).check();
      await page.waitForFunction(() => /p-médiane/.test(document.querySelector('[data-table="comparaison"] th:last-child')?.textContent ?? ""), undefined, {timeout: 60_000});
      const table = page.locator('[data-table="comparaison"] table');
      const header = await table.locator("thead th").allInnerTexts();
      expect(header[1]).toMatch(/^Scénario gardé \(couverture maximale, couveuses, chômeurs, k = 3, R = 5 km\)$/);
      expect(header[2]).toMatch(/^Scénario courant \(p-médiane, couveuses, chômeurs, k = 3, R = 5 km\)$/);
      const rows = (await table.locator("tbody tr").allInnerTexts()).map((r) => r.split("\t")[0]);
      expect(rows).toEqual(["Demande couverte", "Sites proposés", "Demande à moins de R", "Distance moyenne à la structure la plus proche", "Distance sous laquelle se trouvent 90 % de la demande", "Sites limités aux communes de besoin", "Lieux qui changent de statut"]);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("a staff file with bad rows: each gets its line and column, nothing is silently fixed, the good rows count", async () => {
    const opened = await openPage(browser, `${server.url}/implantation?preset=couveuses`);
    try {
      const page = opened.page;
      await page.waitForSelector('[data-table="shortlist"] tbody tr');
      await page.locator('input[type="file"]').setInputFiles(join(ROOT, "test/fixtures/structures/staff-import-bad-rows.csv"));
      await page.waitForSelector("[data-structures-import]");
      const report = (await page.locator("[data-structures-import]").innerText()).replace(/[\u202f\u00a0]/g, " ");
      expect(report).toMatch(/2 structures chargées/);
      expect(report).toMatch(/7 lignes rejetées/);
      const problems = page.locator('[aria-label="Problèmes du fichier de structures staff-import-bad-rows.csv"] tbody tr');
      const rows = (await problems.allInnerTexts()).map((r) => r.trim().split("\t").slice(0, 3));
      expect(rows).toEqual(
        expect.arrayContaining([
          ["3", "latitude", "45.76"],
          ["4", "type", "constructor"],
          ["5", "type", "__proto__"],
          ["6", "id", "S1"],
          ["7", "code_commune", "93059"],
          ["8", "famille", "constructor"],
          ["9", "famille", "__proto__"]
        ])
      );
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("the couveuse preset's demand is known for every demand place and every candidate, and a proposal limited to places of need is shown beside", async () => {
    const opened = await openPage(browser, `${server.url}/implantation`);
    try {
      const page = opened.page;
      await page.waitForSelector("[data-demand]");
      const demand = (await page.locator("[data-demand]").innerText()).replace(/[\u202f\u00a0]/g, " ");
      expect(demand).toContain("Connue pour 1 285 lieux sur 1 285 (100,0 % de la population) et pour 1 265 des 1 265 communes candidates.");
      const restriction = await page.locator("[data-restriction]").innerText();
      expect(restriction).toMatch(/^Sites libres : .* Sites limités aux communes des quintiles 4 et 5 de l'indice régional/);
      expect(await page.getByRole("table", {name: /libres ou limités aux communes de besoin/}).locator("tbody tr").count()).toBe(5);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("a need threshold the page does not know is reported, and the preset's is used", async () => {
    const opened = await openPage(browser, `${server.url}/implantation?besoinmin=9&demande=tout`);
    try {
      const page = opened.page;
      await page.waitForSelector(".url-problems");
      const text = await page.locator(".url-problems").innerText();
      expect(text).toContain("Seuil de besoin « besoinmin » invalide : « 9 »");
      expect(text).toContain("Paramètre « demande » inconnu : « tout »");
      await page.waitForSelector('[data-table="shortlist"] tbody tr');
      expect(await page.locator("[data-summary]").innerText()).toMatch(/chômeurs de 15 à 64 ans/);
    } finally {
      await opened.close();
    }
  });

  test("a permalink carries the demand and the places of need, and the comparison says which demand each scenario covers", async () => {
    const opened = await openPage(browser, `${server.url}/implantation?preset=couveuses&k=3&demande=pauvres&besoinmin=5&quartiers=0`);
    try {
      const page = opened.page;
      await page.waitForFunction(() => document.querySelectorAll('[data-table="shortlist"] tbody tr').length === 3);
      expect(await page.getByRole("radio", {name: "Personnes sous le seuil de pauvreté"}).isChecked()).toBe(true);
      expect(await page.locator("[data-restriction]").innerText()).toMatch(/Sites limités aux communes du quintile 5 de l'indice régional \(/);
      await page.getByRole("button", {name: "Garder ce scénario pour comparer"}).click();
      await page.getByRole("radio", {name: "Chômeurs de 15 à 64 ans"}).check();
      await page.waitForFunction(() => new URL(location.href).searchParams.get("demande") === null);
      await page.waitForFunction(() => /chômeurs/.test(document.querySelector('[data-table="comparaison"] th:last-child')?.textContent ?? ""), undefined, {timeout: 60_000});
      const demand = await page.locator('[data-table="comparaison"] tbody tr').first().locator("td").allInnerTexts();
      expect(demand.slice(-2)).toEqual(["Personnes sous le seuil de pauvreté", "Chômeurs de 15 à 64 ans"]);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });
});
