/**
 * End-to-end tests of the pages that help decide: the home page as a briefing (read with scripts
 * off), the comparison and the similar territories used with the keyboard only, their permalinks
 * and messages, the CSV export, the territory sheet's messages, the portrait's picture. They serve
 * the existing dist/ (run `npm run build` first).
 */
import {csvParse} from "d3-dsv";
import {existsSync, readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {launchBrowser, openPage} from "./browser.js";
import {serve, type StaticServer} from "../../bin/static-server.js";

const DIST = process.env.DIST_DIR ?? fileURLToPath(new URL("../../dist/", import.meta.url));
const AXE = fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url));
const NEED = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];
const nb = (s: string) => s.replace(/[\u202f\u00a0]/g, " ").replace(/\s+/g, " ").trim();

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(`${DIST}/comparer.html`)) throw new Error("dist/comparer.html is missing: run npm run build first");
  server = await serve(DIST);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Presses Tab until the focused element matches the selector (at most `max` presses). */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Types a query in the focused search box and takes the first option with the keyboard. */
async function pickWithKeyboard(page: Page, query: string): Promise<void> {
  await page.keyboard.type(query);
  await page.waitForSelector(".commune-search__list:not([hidden]) [role=option]");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
}

async function axeSerious(page: Page): Promise<string[]> {
  await page.addScriptTag({path: AXE});
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as {axe: {run(context: Document, options: object): Promise<{violations: {id: string; impact: string | null; nodes: {target: unknown[]}[]}[]}>}}).axe;
    return (await axe.run(document, {resultTypes: ["violations"]})).violations.map((v) => ({id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target))}));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} ${v.targets.join(" ")}`);
}

describe("the home page as a briefing, with scripts off", () => {
  test("paints the need map coloured by quintile with its legend, and reads its findings, each linking to its page", async () => {
    const context = await browser.newContext({javaScriptEnabled: false});
    try {
      const page = await context.newPage();
      await page.goto(server.url + "/");
      const fills = await page.$$eval('[data-map="communes"] path[data-code]', (paths) => paths.map((p) => p.getAttribute("fill")));
      expect(fills.length).toBe(1285);
      // every need class is on the map, and (nearly) every shape has one: the region-wide index covers the region
      for (const colour of NEED) expect(fills, colour).toContain(colour);
      expect(fills.filter((f) => !NEED.includes(f ?? "")).length, "shapes without a need class").toBeLessThan(10);
      expect(nb(await page.locator(".map-side figure.legend").innerText())).toContain("Quintile 5 : besoins les plus élevés");
      const findings = await page.$$eval("[data-findings] .finding", (sections) =>
        sections.map((s) => ({title: s.querySelector("h3")?.textContent ?? "", text: s.querySelector("p")?.textContent ?? "", href: s.querySelector(".finding-link a")?.getAttribute("href") ?? ""}))
      );
      expect(findings.length).toBeGreaterThanOrEqual(3);
      expect(findings.length).toBeLessThanOrEqual(5);
      expect(findings.map((f) => f.href)).toEqual(expect.arrayContaining(["./besoins", "./besoins?indicateur=stabilite", "./implantation"]));
      const quintile = nb(findings.find((f) => f.href === "./besoins")!.text);
      expect(quintile).toMatch(/^[\d ]+ habitants, soit [\d,]+ % des Franciliens, vivent dans les [\d ]+ communes du cinquième le plus en besoin/);
      expect(nb(findings.find((f) => f.href === "./implantation")!.text)).toMatch(/% des chômeurs de 15 à 64 ans \([\d ]+ personnes\) vivent à plus de 5 km/);
      expect(await page.locator("[data-findings] table.finding-table tbody tr").count(), "one row per family of the supply").toBe(5);
    } finally {
      await context.close();
    }
  });
});

describe("comparing territories", () => {
  test("works with the keyboard only: two territories added from the search, a permalink, one taken out", async () => {
    const opened = await openPage(browser, server.url + "/comparer");
    try {
      const {page} = opened;
      await page.waitForSelector(".compare-add input");
      await tabTo(page, ".compare-add input");
      await pickWithKeyboard(page, "La Courneuve");
      await page.waitForSelector(".compare-chosen li");
      await page.focus(".compare-add input"); // the search box keeps the focus; be explicit after the page re-renders the list
      await pickWithKeyboard(page, "Plaine Commune");
      await page.waitForSelector('[data-table="comparaison"] table');
      expect(new URL(page.url()).search).toBe("?t=93027,T6");
      const heads = await page.$$eval('[data-table="comparaison"] thead th', (ths) => ths.map((th) => th.textContent));
      expect(heads).toEqual(["Indicateur", "La Courneuve (commune)", "Plaine Commune (EPT)"]);
      expect(nb(await page.locator(".compare-status").innerText())).toBe("Plaine Commune ajouté à la comparaison.");
      await tabTo(page, 'button[aria-label="Retirer La Courneuve"]');
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => location.search === "?t=T6");
      await page.waitForSelector("text=Choisissez au moins 2 territoires (1 pour l'instant).");
      expect(await page.locator('[data-table="comparaison"] table').count(), "one territory is not a comparison").toBe(0);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("refuses a fifth territory with a message, and more than four in the address", async () => {
    const opened = await openPage(browser, server.url + "/comparer?t=93027,93066,T6,93,75119");
    try {
      const {page} = opened;
      await page.waitForSelector(".compare-chosen li");
      expect(await page.locator('[data-table="comparaison"] table').count()).toBe(0);
      expect(nb(await page.locator('[role="alert"]').first().innerText())).toBe("Une comparaison porte sur 2 à 4 territoires : 5 sont demandés. Retirez-en 1 pour comparer.");
      await page.click('button[aria-label="Retirer Paris 19e Arrondissement"]');
      await page.waitForSelector('[data-table="comparaison"] table');
      await page.focus(".compare-add input");
      await pickWithKeyboard(page, "Bobigny");
      await page.waitForFunction(() => document.querySelector(".compare-status")?.textContent !== "");
      expect(nb(await page.locator(".compare-status").innerText())).toBe("Bobigny n'est pas ajouté : une comparaison porte sur 4 territoires au plus. Retirez-en un d'abord.");
      expect(await page.locator(".compare-chosen li").count()).toBe(4);
    } finally {
      await opened.close();
    }
  });

  test("says which codes of the address it could not read, and follows a merged commune", async () => {
    const opened = await openPage(browser, server.url + "/comparer?t=93027,99999,1107,93059");
    try {
      const {page} = opened;
      await page.waitForSelector('[data-table="comparaison"] table');
      const said = nb(await page.locator(".url-problems").first().innerText());
      expect(said).toContain("Territoire inconnu : « 99999 »");
      expect(said).toContain("Le code « 1107 » désigne plusieurs territoires");
      expect(said).toContain("Pierrefitte-sur-Seine (93059) : commune fusionnée dans Saint-Denis (93066) en 2025, qui est montrée à sa place.");
      expect(new URL(page.url()).search).toBe("?t=93027,93066");
    } finally {
      await opened.close();
    }
  });

  test("exports the comparison as a CSV that reads back, one column per territory", async () => {
    const opened = await openPage(browser, server.url + "/comparer?t=93027,T6,bassin:1107");
    try {
      const {page} = opened;
      await page.waitForSelector('[data-table="comparaison"] table');
      const [download] = await Promise.all([page.waitForEvent("download"), page.click("text=Exporter la comparaison (CSV)")]);
      const rows = csvParse(readFileSync((await download.path())!, "utf8"));
      expect(rows.columns).toEqual(["indicateur", "unite", "La Courneuve (93027)", "Plaine Commune (T6)", "T1 Paris (bassin:1107)"]);
      expect(rows.find((r) => r.indicateur === "Population 2023")!["La Courneuve (93027)"]).toMatch(/^\d+$/);
      expect(rows.find((r) => r.indicateur === "Niveau")!["T1 Paris (bassin:1107)"]).toBe("bassin d'emploi");
    } finally {
      await opened.close();
    }
  });
});

describe("similar territories", () => {
  test("works with the keyboard only: a territory chosen from the search, then size taken into account", async () => {
    const opened = await openPage(browser, server.url + "/semblables");
    try {
      const {page} = opened;
      await page.waitForSelector(".similar-controls input");
      await tabTo(page, ".similar-controls input");
      await pickWithKeyboard(page, "La Courneuve");
      await page.waitForURL(/territoire=93027/);
      await page.waitForSelector('[data-table="semblables"] table');
      expect(await page.locator('[data-table="semblables"] tbody tr').count()).toBe(10);
      const names = await page.$$eval('[data-table="semblables"] tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
      expect(names).not.toContain("La Courneuve");
      await tabTo(page, '#observablehq-main input[type="checkbox"]'); // not the sidebar's toggle
      await page.keyboard.press("Space");
      await page.waitForFunction(() => location.search.includes("taille=1"));
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("explains an unknown code and an arrondissement", async () => {
    const opened = await openPage(browser, server.url + "/semblables?territoire=constructor");
    try {
      await opened.page.waitForSelector('[role="alert"]');
      expect(nb(await opened.page.locator('[role="alert"]').innerText())).toMatch(/^Territoire inconnu : « constructor »/);
    } finally {
      await opened.close();
    }
  });
});

describe("the territory sheet and the portrait", () => {
  test("the sheet explains a code it does not know, and names the commune a merged one joined", async () => {
    const opened = await openPage(browser, server.url + "/fiche?territoire=12345");
    try {
      await opened.page.waitForFunction(() => document.documentElement.dataset.printStatus === "erreur");
      expect(nb(await opened.page.locator('[role="alert"]').innerText())).toMatch(/^Territoire inconnu : « 12345 »/);
    } finally {
      await opened.close();
    }
    const merged = await openPage(browser, server.url + "/fiche?territoire=93059");
    try {
      await merged.page.waitForFunction(() => document.documentElement.dataset.printStatus === "ok");
      expect(await merged.page.locator(".fiche h1").innerText()).toBe("Saint-Denis");
      expect(nb(await merged.page.locator(".fiche-note").innerText())).toContain("Pierrefitte-sur-Seine (93059) : commune fusionnée dans Saint-Denis (93066) en 2025");
    } finally {
      await merged.close();
    }
  });

  test("the portrait draws each indicator on the communes' distribution, keeps its table, and links to the sheet", async () => {
    const opened = await openPage(browser, server.url + "/besoins?selection=93027");
    try {
      const {page} = opened;
      await page.waitForSelector(".portrait svg.distribution-strips");
      const strips = await page.locator(".portrait svg.distribution-strips g.strip").count();
      expect(strips).toBeGreaterThanOrEqual(8);
      expect(await page.locator(".portrait svg.distribution-strips g.strip").first().locator("circle").count(), "the commune's dot").toBe(1);
      expect(await page.locator(".portrait table.portrait-table").count(), "the table stays the accessible alternative").toBe(1);
      expect(await page.locator('.portrait-actions a[href="./fiche?territoire=93027"]').count()).toBe(1);
      expect(await axeSerious(page), "axe on the portrait").toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
