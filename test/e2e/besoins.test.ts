/**
 * End-to-end tests of the Besoins page (/besoins) of the built site: the commune map drawn at
 * build time, the live weights, the commune search, the permalink and accessibility.
 * They build nothing: they serve the existing dist/ (run `npm run build` first).
 */
import {existsSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {launchBrowser, openPage} from "./browser.js";
import {serve, type StaticServer} from "../../bin/static-server.js";

const DIST = process.env.DIST_DIR ?? fileURLToPath(new URL("../../dist/", import.meta.url));
const AXE = fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url));
const COMMUNES = 1265; // communes of Île-de-France other than Paris (75056)
const ARRONDISSEMENTS = 20; // 75101–75120
const MAP = '[data-map="besoins"]';

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(`${DIST}/besoins.html`)) throw new Error("dist/besoins.html is missing: run npm run build first");
  server = await serve(DIST);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits (best effort) until the page's reactive cells have run: the table is rendered. */
async function waitForPage(page: Page, timeout = 30_000): Promise<boolean> {
  return page
    .waitForSelector('[data-table="besoins"] table', {state: "attached", timeout})
    .then(() => true, () => false);
}

/** In the page: the shapes of the visible map (the other scales' maps are display:none). */
function visibleShapes(page: Page): Promise<{code: string; niveau: string; fill: string}[]> {
  return page.evaluate((selector) => {
    const svgs = Array.from(document.querySelectorAll<SVGSVGElement>(`${selector} svg.choropleth`));
    const svg = svgs.find((s) => getComputedStyle(s).display !== "none");
    if (!svg) return [];
    return Array.from(svg.querySelectorAll("path[data-code]"), (p) => ({
      code: p.getAttribute("data-code") ?? "",
      niveau: p.getAttribute("data-niveau") ?? "",
      fill: p.getAttribute("fill") ?? ""
    }));
  }, MAP);
}

/** The value of an Observable Inputs control (a <form> whose value is the option's value, not its index). */
function inputValue(page: Page, label: string): Promise<unknown> {
  return page.evaluate((label) => {
    const forms = Array.from(document.querySelectorAll("form"));
    const form = forms.find((f) => f.querySelector("label")?.textContent?.trim() === label) as (HTMLFormElement & {value?: unknown}) | undefined;
    return form ? form.value : "(no control labelled " + label + ")";
  }, label);
}

describe("besoins page", () => {
  test("the page opens with no console error and no failed request", async () => {
    const opened = await openPage(browser, server.url + "/besoins");
    try {
      const {page} = opened;
      expect(page.url(), "the page was redirected or not found").not.toMatch(/404/);
      expect(await waitForPage(page), `the table [data-table="besoins"] never rendered\n${opened.report()}`).toBe(true);
      await page.waitForTimeout(500); // let late errors surface
      expect(opened.report(), "problems on /besoins").toBe("");
    } finally {
      await opened.close();
    }
  });

  test(`the commune map draws ${(COMMUNES + ARRONDISSEMENTS).toLocaleString("en")} shapes: the communes other than Paris and its ${ARRONDISSEMENTS} arrondissements`, async () => {
    const opened = await openPage(browser, server.url + "/besoins", {waitUntil: "domcontentloaded", idle: false});
    try {
      const {page} = opened;
      // Drawn at build time: the shapes are in the HTML, before any script runs.
      const shapes = await page.$$eval(`${MAP} svg.choropleth path[data-code]`, (paths) =>
        paths.map((p) => ({code: p.getAttribute("data-code") ?? "", niveau: p.getAttribute("data-niveau") ?? ""}))
      );
      const communes = shapes.filter((s) => s.niveau === "commune");
      const arrondissements = shapes.filter((s) => s.niveau === "arrondissement");
      const other = shapes.filter((s) => s.niveau !== "commune" && s.niveau !== "arrondissement");
      expect(shapes.length, `number of <path data-code> in ${MAP} svg.choropleth`).toBe(COMMUNES + ARRONDISSEMENTS);
      expect(communes.length, 'shapes with data-niveau="commune"').toBe(COMMUNES);
      expect(
        arrondissements.map((s) => s.code).sort(),
        'shapes with data-niveau="arrondissement" (75101–75120)'
      ).toEqual(Array.from({length: ARRONDISSEMENTS}, (_, i) => String(75101 + i)));
      expect(other.slice(0, 10), "shapes with another data-niveau").toEqual([]);
      expect(shapes.filter((s) => s.code === "75056").length, "shapes for Paris as a whole (75056)").toBe(0);
      const codes = shapes.map((s) => s.code);
      const duplicates = [...new Set(codes.filter((code, i) => codes.indexOf(code) !== i))];
      expect(duplicates.slice(0, 10), "duplicated codes").toEqual([]);
      const painted = await page
        .waitForFunction(() => performance.getEntriesByName("first-map").length > 0, undefined, {timeout: 30_000})
        .then(() => true, () => false);
      expect(painted, 'performance.mark("first-map") was never called').toBe(true);
    } finally {
      await opened.close();
    }
  });

  test("moving a weight slider changes the map's colours and the URL", async () => {
    const opened = await openPage(browser, server.url + "/besoins");
    try {
      const {page} = opened;
      expect(await waitForPage(page), `the page never rendered\n${opened.report()}`).toBe(true);
      const before = Object.fromEntries((await visibleShapes(page)).map((s) => [s.code, s.fill]));
      expect(Object.keys(before).length, "no shape in the visible map").toBeGreaterThan(0);
      const slider = page.locator("#poids-emploi");
      expect(await slider.count(), "no #poids-emploi slider").toBe(1);
      const initial = await slider.inputValue();
      await slider.focus();
      await page.keyboard.press("End");
      expect(await slider.inputValue(), "End did not move #poids-emploi to its maximum").toBe("1");
      expect(initial, "#poids-emploi was already at its maximum: the test moves nothing").not.toBe("1");
      const changed = await page
        .waitForFunction(
          ({selector, before}) => {
            if (!location.search.includes("poids=")) return false;
            const svg = Array.from(document.querySelectorAll<SVGSVGElement>(`${selector} svg.choropleth`)).find((s) => getComputedStyle(s).display !== "none");
            return !!svg && Array.from(svg.querySelectorAll("path[data-code]")).some((p) => p.getAttribute("fill") !== before[p.getAttribute("data-code") ?? ""]);
          },
          {selector: MAP, before},
          {timeout: 30_000}
        )
        .then(() => true, () => false);
      const search = decodeURIComponent(await page.evaluate(() => location.search));
      const after = await visibleShapes(page);
      const recoloured = after.filter((s) => s.fill !== before[s.code]).length;
      expect(search, "the URL does not hold the new weight").toMatch(/[?&]poids=[^&]*emploi:1(?![\d.])/);
      expect(changed && recoloured > 0, `no shape changed colour after #poids-emploi moved ${initial} → 1 (URL: ${search})\n${opened.report()}`).toBe(true);
      expect(opened.report(), "problems while recomputing").toBe("");
    } finally {
      await opened.close();
    }
  });

  test('the search finds "st denis", and selecting Saint-Denis shows its portrait and puts it in the URL', async () => {
    const opened = await openPage(browser, server.url + "/besoins");
    try {
      const {page} = opened;
      expect(await waitForPage(page), `the page never rendered\n${opened.report()}`).toBe(true);
      const input = page.locator("input.commune-search__input[role=combobox]");
      expect(await input.count(), "no commune search combobox").toBe(1);
      await input.fill("st denis");
      const options = page.locator(".commune-search__list [role=option]");
      await options.first().waitFor({state: "visible", timeout: 10_000}).catch(() => {});
      const labels = await options.allTextContents();
      expect(labels[0] ?? "(no option)", `first option for "st denis" (options: ${labels.join(" | ")})`).toContain("Saint-Denis (93)");
      await input.press("ArrowDown");
      await input.press("Enter");
      const heading = page.locator("section.portrait h3");
      await page
        .waitForFunction(() => document.querySelector("section.portrait h3")?.textContent?.includes("93066"), undefined, {timeout: 30_000})
        .catch(() => {});
      expect(await heading.count(), "no portrait (section.portrait h3) after selecting Saint-Denis").toBeGreaterThan(0);
      expect((await heading.first().textContent())?.trim(), "portrait heading").toBe("Saint-Denis (93066)");
      const params = new URLSearchParams(await page.evaluate(() => location.search));
      expect(params.get("selection"), `selection in the URL (${params})`).toBe("93066");
      expect(opened.report(), "problems while selecting").toBe("");
    } finally {
      await opened.close();
    }
  });

  test("a permalink restores the scale, the map, the weights and the selected territory", async () => {
    // A real bassin code, read from the bassin map itself (1117 if it exists).
    let code: string;
    {
      const opened = await openPage(browser, server.url + "/besoins?niveau=bassin");
      try {
        const {page} = opened;
        await page
          .waitForFunction(
            (selector) =>
              Array.from(document.querySelectorAll<SVGSVGElement>(`${selector} svg.choropleth`)).some(
                (s) => getComputedStyle(s).display !== "none" && s.querySelector('path[data-niveau="bassin"]')
              ),
            MAP,
            {timeout: 30_000}
          )
          .catch(() => {});
        const codes = (await visibleShapes(page)).filter((s) => s.niveau === "bassin").map((s) => s.code);
        expect(codes.length, `/besoins?niveau=bassin shows no bassin shape\n${opened.report()}`).toBeGreaterThan(0);
        code = codes.includes("1117") ? "1117" : codes[0];
      } finally {
        await opened.close();
      }
    }
    const path = `/besoins?niveau=bassin&indicateur=taux_pauvrete&poids=emploi:0.5&selection=${code}`;
    const opened = await openPage(browser, server.url + path);
    try {
      const {page} = opened;
      expect(await waitForPage(page), `${path} never rendered\n${opened.report()}`).toBe(true);
      await page
        .waitForFunction((code) => document.querySelector("section.portrait h3")?.textContent?.includes(`(${code})`), code, {timeout: 30_000})
        .catch(() => {});
      expect(await inputValue(page, "Échelle"), `"Échelle" after opening ${path}`).toBe("bassin");
      expect(await inputValue(page, "Carte de"), `"Carte de" after opening ${path}`).toBe("taux_pauvrete");
      expect(await page.locator("#poids-emploi").inputValue(), `#poids-emploi after opening ${path}`).toBe("0.5");
      const shapes = await visibleShapes(page);
      const niveaux = [...new Set(shapes.map((s) => s.niveau))];
      expect(niveaux, "data-niveau of the visible map's shapes").toEqual(["bassin"]);
      expect(shapes.length, "number of shapes in the visible (bassin) map").toBeGreaterThanOrEqual(20);
      expect(shapes.length, "number of shapes in the visible (bassin) map").toBeLessThanOrEqual(30);
      const heading = (await page.locator("section.portrait h3").first().textContent({timeout: 5_000}).catch(() => null))?.trim();
      expect(heading ?? "(no section.portrait h3)", "portrait heading").toMatch(new RegExp(`^\\S.* \\(${code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\)$`));
      expect(opened.report(), `problems on ${path}`).toBe("");
    } finally {
      await opened.close();
    }
  });
});

/** In the page: hovers the shape `code` of the visible map and returns its tooltip (<title>) text. */
/** Chooses the "Carte de" option whose label starts with `label` (Inputs.select's values are indices). */
async function chooseMap(page: Page, label: string): Promise<void> {
  const select = page.getByLabel("Carte de", {exact: true});
  const value = await select.evaluate((s, label) => Array.from((s as HTMLSelectElement).options).find((o) => o.text.startsWith(label))?.value, label);
  expect(value, `no "Carte de" option starting with ${label}`).toBeDefined();
  await select.selectOption(value!);
}

async function tooltipOf(page: Page, code: string): Promise<string | null> {
  const shape = page.locator(`${MAP} svg.choropleth:visible path[data-code="${code}"]`);
  await page.mouse.move(0, 0);
  await shape.hover({force: true});
  return shape.evaluate((p) => Array.from(p.querySelectorAll("title"), (t) => t.textContent).join(" | ") || null);
}

describe("besoins defects found by a new user", () => {
  test("tooltips follow the map: after changing the map or a weight, hovering shows the new values", async () => {
    const opened = await openPage(browser, server.url + "/besoins");
    try {
      const {page} = opened;
      expect(await waitForPage(page), `the page never rendered\n${opened.report()}`).toBe(true);
      const first = await tooltipOf(page, "92004");
      expect(first, "tooltip of Asnières-sur-Seine on the index map").toMatch(/^Asnières-sur-Seine \(92004\) — indice \d,\d\d \(3 indicateurs sur 3, 100,0\s% du poids\)$/);
      await chooseMap(page, "Taux de pauvreté (60 %");
      await page.waitForFunction(() => location.search.includes("indicateur=taux_pauvrete"), undefined, {timeout: 30_000});
      const poverty = await tooltipOf(page, "92004");
      expect(poverty, "one tooltip, with the poverty rate, after choosing the poverty map").toMatch(/^Asnières-sur-Seine \(92004\) — \d+,\d %$/);
      await chooseMap(page, "Indice régional de besoins");
      await page.locator("#poids-emploi").focus();
      await page.keyboard.press("End");
      await page.waitForFunction(() => location.search.includes("poids="), undefined, {timeout: 30_000});
      await page.waitForTimeout(300);
      const reweighted = await tooltipOf(page, "92004");
      expect(reweighted, "one tooltip, with the index, after a weight change").toMatch(/^Asnières-sur-Seine \(92004\) — indice \d,\d\d \(3 indicateurs sur 3, 100,0\s% du poids\)$/);
      expect(reweighted, "the index of Asnières-sur-Seine after the weight change (0,60 → 0,66 by hand)").not.toBe(first);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
    test(`a permalink whose selection is the built-in name ${name} opens without error`, async () => {
      const opened = await openPage(browser, `${server.url}/besoins?niveau=zone_emploi&selection=${name}&poids=${name}:0.5`);
      try {
        const {page} = opened;
        expect(await waitForPage(page), `the page never rendered\n${opened.report()}`).toBe(true);
        await page.waitForTimeout(500);
        expect(opened.report(), `problems with selection=${name}`).toBe("");
        expect(await page.locator("section.portrait").count(), "no portrait for an unknown territory").toBe(0);
        expect(await inputValue(page, "Échelle")).toBe("zone_emploi");
      } finally {
        await opened.close();
      }
    });
  }

  test('the search finds "Pierrefitte", "Pierrefitte-sur-Seine" and "93059", and leads to Saint-Denis, saying why', async () => {
    const opened = await openPage(browser, server.url + "/besoins");
    try {
      const {page} = opened;
      expect(await waitForPage(page), `the page never rendered\n${opened.report()}`).toBe(true);
      const input = page.locator("input.commune-search__input[role=combobox]");
      const options = page.locator(".commune-search__list [role=option]");
      for (const query of ["Pierrefitte", "Pierrefitte-sur-Seine", "93059"]) {
        await input.fill(query);
        await options.first().waitFor({state: "visible", timeout: 10_000}).catch(() => {});
        expect((await options.allTextContents())[0] ?? "(no option)", `first option for "${query}"`).toBe("Pierrefitte-sur-Seine (93), fusionnée dans Saint-Denis en 2025");
      }
      await input.press("ArrowDown");
      await input.press("Enter");
      await page.waitForFunction(() => document.querySelector("section.portrait h3")?.textContent?.includes("93066"), undefined, {timeout: 30_000});
      expect(new URLSearchParams(await page.evaluate(() => location.search)).get("selection")).toBe("93066");
      expect(await page.locator(".commune-search__note").innerText()).toContain("fusionnée dans Saint-Denis en 2025");
      expect(await page.locator("section.portrait .portrait-facts").innerText()).toContain("Saint-Denis a absorbé Pierrefitte-sur-Seine en 2025");
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("the portrait names each indicator's vintage once", async () => {
    const opened = await openPage(browser, server.url + "/besoins?selection=93066");
    try {
      const {page} = opened;
      await page.waitForSelector("section.portrait table", {timeout: 30_000});
      const text = await page.locator("section.portrait table").innerText();
      expect(text).toContain("Taux de chômage des 15-64 ans (recensement 2018)");
      expect(text).not.toMatch(/\(recensement 2018\)\s*\(recensement 2018\)/);
    } finally {
      await opened.close();
    }
  });
});

describe("besoins accessibility", () => {
  test("/besoins has no critical or serious axe violation", async () => {
    const opened = await openPage(browser, server.url + "/besoins");
    try {
      const {page} = opened;
      await waitForPage(page);
      await page.waitForTimeout(300);
      await page.addScriptTag({path: AXE});
      const violations = await page.evaluate(async () => {
        type AxeViolation = {id: string; impact: string | null; help: string; helpUrl: string; nodes: {target: unknown[]; failureSummary?: string}[]};
        const axe = (window as unknown as {axe: {run(context: Document, options: object): Promise<{violations: AxeViolation[]}>}}).axe;
        const result = await axe.run(document, {resultTypes: ["violations"]});
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.length,
          targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
          summary: v.nodes[0]?.failureSummary ?? ""
        }));
      });
      const blocking = violations.filter((v) => v.impact === "critical" || v.impact === "serious");
      const message = blocking
        .map((v) => `[${v.impact}] ${v.id}: ${v.help} (${v.nodes} node(s); e.g. ${v.targets.join(" ")})\n    ${v.summary.replaceAll("\n", "\n    ")}\n    ${v.helpUrl}`)
        .join("\n");
      expect(blocking.length, `axe violations on /besoins:\n${message}`).toBe(0);
    } finally {
      await opened.close();
    }
  });
});

describe("a need measure for the whole region (issue 9)", () => {
  test("the map drawn at build time colours at least 1,250 communes with the region-wide index, and its legend says why any is grey", async () => {
    const opened = await openPage(browser, server.url + "/besoins", {waitUntil: "domcontentloaded", idle: false});
    try {
      const {page} = opened;
      const fills = await page.$$eval(`${MAP} svg.choropleth path[data-niveau="commune"]`, (paths) => paths.map((p) => p.getAttribute("fill")));
      const coloured = fills.filter((f) => f && f !== "#d9d9d9").length;
      // 1,265 communes drawn (Paris is drawn by arrondissement); Paris itself has a value too
      expect(coloured, "communes coloured on the default map").toBeGreaterThanOrEqual(1249);
      expect(await waitForPage(page), `the page never rendered\n${opened.report()}`).toBe(true);
      const legend = await page.locator(".needs-map").innerText();
      expect(legend).toMatch(/Indice non calculé : indicateurs publiés portant moins de la moitié du poids/);
      expect(await page.locator(".coverage").innerText()).toMatch(/Indice régional calculé pour 1\s266 communes sur 1\s266/);
    } finally {
      await opened.close();
    }
  });

  test("weights all at 0 in the URL give a visible explanation, not a grey map", async () => {
    const opened = await openPage(browser, server.url + "/besoins?poids=revenus:0,emploi:0,prestations:0,logement:0");
    try {
      const {page} = opened;
      await waitForPage(page);
      await page.waitForSelector(".map-problem", {timeout: 30_000});
      expect(await page.locator(".map-problem").innerText()).toMatch(/^Tous les poids des thèmes sont nuls : l'indice régional n'est pas défini/);
      expect(await visibleShapes(page), "the map is hidden").toEqual([]);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("an indicator not published at the commune scale, and a weight the page does not know, are explained", async () => {
    const opened = await openPage(browser, server.url + "/besoins?indicateur=taux_chomage_localise&poids=foo:1");
    try {
      const {page} = opened;
      await waitForPage(page);
      await page.waitForSelector(".map-problem", {timeout: 30_000});
      expect(await page.locator(".map-problem").innerText()).toMatch(/n'est pas publié à l'échelle « Communes \(Paris par arrondissement\) » : choisissez l'échelle « Zones d'emploi »/);
      expect(await page.locator(".url-problems").innerText()).toContain("Poids « foo » inconnu");
    } finally {
      await opened.close();
    }
  });
});
