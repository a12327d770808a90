/**
 * End-to-end tests of the impact pages (built site in dist/): the avoided-cost calculator and the
 * identification grid — keyboard-only use, export → re-import → export byte-identical, bad input,
 * nothing sent, axe — and the grid's criteria on the Bilan page.
 */
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser, Page} from "playwright-core";
import {describe, expect, test} from "vitest";
import {openPage, useBuiltSite} from "./browser.js";
import type {StaticServer} from "../../bin/static-server.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const AXE = join(ROOT, "node_modules/axe-core/axe.min.js");
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

let server: StaticServer;
let browser: Browser;
useBuiltSite("grille.html", (s, b) => ([server, browser] = [s, b]));

async function seriousAxe(page: Page): Promise<string[]> {
  await page.addScriptTag({path: AXE});
  return page.evaluate(async () => {
    type V = {id: string; impact: string | null; help: string; nodes: {target: unknown[]}[]};
    const axe = (window as unknown as {axe: {run(c: Document, o: object): Promise<{violations: V[]}>}}).axe;
    const r = await axe.run(document, {resultTypes: ["violations"]});
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `[${v.impact}] ${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  });
}

/** Presses Tab until the element matching `selector` has focus (keyboard only, bounded). */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`${selector} not reached with ${max} Tab presses`);
}

describe("the avoided-cost calculator", () => {
  test("gives a range per line with its arithmetic, each unit cost linked to its registry entry on the Méthode page", async () => {
    const opened = await openPage(browser, `${server.url}/couts-evites`);
    try {
      const {page} = opened;
      await page.waitForSelector(".calculator-table tbody tr");
      const first = plain(await page.locator('.calculator-table tr[data-ligne="1"]').innerText());
      // 12 900 € × 10 × 1 = 129 000 € ; 15 300 € × 10 × 1 = 153 000 €
      expect(first).toContain("129 000 € à 153 000 € (euros 2025)");
      const hrefs = await page.locator(".calculator-table a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      expect(hrefs).toEqual(["./methode#cout-tzcld_couts_evites_etp", "./methode#cout-chrs_place_jour", "./methode#cout-decrochage_vie_active"]);
      const registryLinks = await page.locator('table a[href^="./methode#cout-"]').count();
      expect(registryLinks).toBeGreaterThanOrEqual(3 + 10);
      expect(plain(await page.locator("[data-totals]").innerText())).toContain("Attention : au moins une ligne repose sur un chiffre de plaidoyer");
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
    const methode = await openPage(browser, `${server.url}/methode`);
    try {
      await methode.page.waitForSelector("#cout-chrs_place_jour");
      expect(plain(await methode.page.locator("#cout-chrs_place_jour").innerText())).toContain("http://www.senat.fr/rap/a19-141-6/a19-141-69.html");
      expect(await methode.page.locator("section[id^='cout-']").count()).toBe(10);
    } finally {
      await methode.close();
    }
  });

  test("converts to constant euros on demand and refuses a negative count and a non-numeric duration in French", async () => {
    const opened = await openPage(browser, `${server.url}/couts-evites`);
    try {
      const {page} = opened;
      await page.waitForSelector(".calculator-row");
      await page.getByRole("button", {name: "Ajouter un résultat attendu"}).click();
      await page.selectOption("#calc-cout-4", "detention_journee");
      await page.fill("#calc-nombre-4", "2");
      await page.fill("#calc-duree-4", "30");
      await page.selectOption("#calc-annee", "2017");
      const line = plain(await page.locator('.calculator-table tr[data-ligne="4"]').innerText());
      expect(line).toContain("× 101,23 / 90,66 (indice des prix 2017 / 2007)");
      // 65,82 × 101,23 / 90,66 × 2 × 30 = 4 409,6… ; 163,24 × 101,23 / 90,66 × 60 = 10 936,2…
      expect(line).toContain("de 4 410 € à 10 936 € (euros 2017)");
      expect(plain(await page.locator('.calculator-table tr[data-ligne="1"]').innerText())).toContain("Non converti : l'indice des prix de 2025 n'est pas dans la série citée");

      await page.fill("#calc-nombre-1", "-3");
      await page.fill("#calc-duree-2", "deux ans");
      const alert = plain(await page.locator(".calculator-problems").innerText());
      expect(alert).toContain("Ligne 1 — nombre (emploi équivalent temps plein) : « -3 » est négatif ; attendu un nombre positif ou nul");
      expect(alert).toContain("Ligne 2 — durée en jours : « deux ans » n'est pas un nombre");
      expect(await page.locator("#calc-nombre-1").getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator('.calculator-table tr[data-ligne="1"]').count()).toBe(0);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("exports the calculation as a CSV for Excel with the formula and the source of each line", async () => {
    const opened = await openPage(browser, `${server.url}/couts-evites`);
    try {
      const {page} = opened;
      await page.waitForSelector(".calculator-table tbody tr");
      await page.fill("#calc-resultat-1", "=1+1 personnes");
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", {name: "Exporter le calcul (CSV pour Excel)"}).click()]);
      const text = readFileSync((await download.path())!, "utf8");
      expect(text.startsWith("\ufeffligne;resultat;cout_unitaire")).toBe(true);
      expect(text).toContain(";'=1+1 personnes;tzcld_couts_evites_etp;");
      expect(text).toContain("https://www.ifrap.org/");
      expect(text).toMatch(/total;Total en euros 2025 \(lignes 1, 3\)/);
    } finally {
      await opened.close();
    }
  });
});

describe("the identification grid", () => {
  test("is usable with the keyboard alone, gives a reasoned result, keeps the assessment on this machine and sends nothing", async () => {
    const opened = await openPage(browser, `${server.url}/grille`);
    try {
      const {page} = opened;
      const sent: string[] = [];
      page.on("request", (r) => r.method() !== "GET" && sent.push(`${r.method()} ${r.url()}`));
      await page.waitForSelector("#projet-nom");
      await page.locator("body").focus();
      await tabTo(page, "#projet-nom");
      await page.keyboard.type("Épicerie solidaire <b>test</b>");
      await tabTo(page, '[name="reponse-loi_besoin_social"]');
      await page.keyboard.press("Space"); // the first radio of the group: « Oui »
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("preuves-loi_besoin_social");
      await page.keyboard.type("Diagnostic 2024 : aucune offre à moins de 3 km");
      await tabTo(page, '[name="reponse-loi_forme_innovante"]');
      await page.keyboard.press("ArrowRight"); // moves to « En partie » and checks it
      await page.keyboard.press("ArrowRight"); // « Non »
      expect(await page.locator("#reponse-loi_besoin_social-oui").isChecked()).toBe(true);
      expect(await page.locator("#reponse-loi_forme_innovante-non").isChecked()).toBe(true);
      const result = plain(await page.locator(".assessment-result").innerText());
      expect(result).toContain("Au sens de l'article 15, I de la loi ESS, le projet relève de l'innovation sociale : caractéristique établie avec preuves — Besoin social non ou mal satisfait (1°).");
      expect(result).not.toMatch(/\d+\s*(\/|sur)\s*\d+|score\s*:\s*\d/i);
      await page.reload();
      await page.waitForSelector("#projet-nom");
      expect(await page.inputValue("#projet-nom")).toBe("Épicerie solidaire <b>test</b>");
      expect(await page.locator("#reponse-loi_besoin_social-oui").isChecked()).toBe(true);
      expect(sent, "nothing leaves the machine").toEqual([]);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("exported, re-imported and exported again gives the same bytes; HTML in free text stays text", async () => {
    const opened = await openPage(browser, `${server.url}/grille`);
    try {
      const {page} = opened;
      const dialogs: string[] = [];
      page.on("dialog", (d) => (dialogs.push(d.message()), void d.dismiss()));
      await page.waitForSelector("#projet-nom");
      await page.fill("#projet-nom", "Projet « Entraide »");
      await page.check("#reponse-csess_autres_effets-oui");
      await page.fill("#preuves-csess_autres_effets", '<img src=x onerror="alert(1)"> moins de gaspillage ; "=SOMME(A1)"');
      await page.fill("#conclusion", "Ligne 1\nLigne 2");
      await tabTo(page, '[data-action="export-json"]');
      const [first] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
      const firstBytes = readFileSync((await first.path())!);
      await page.getByRole("button", {name: "Effacer l'évaluation"}).click();
      expect(await page.inputValue("#projet-nom")).toBe("");
      const dir = mkdtempSync(join(tmpdir(), "grille-"));
      const file = join(dir, "evaluation.json");
      writeFileSync(file, firstBytes);
      await page.setInputFiles("#grille-import", file);
      await page.waitForFunction(() => document.querySelector<HTMLInputElement>("#projet-nom")?.value === "Projet « Entraide »");
      expect(plain(await page.locator(".assessment-messages").innerText())).toContain("contient des balises HTML (<img src=x onerror=\"alert(1)\">) : le texte est conservé tel quel et affiché comme du texte");
      const [second] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", {name: "Exporter en JSON"}).click()]);
      expect(readFileSync((await second.path())!).equals(firstBytes)).toBe(true);
      expect(await page.locator(".assessment-print img, .assessment-result img, .assessment-messages img").count()).toBe(0);
      expect(await page.locator(".assessment-print").innerText()).toContain('<img src=x onerror="alert(1)">');
      expect(dialogs).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  test("refuses an assessment of another schema version and one with an unknown criterion, in French", async () => {
    const opened = await openPage(browser, `${server.url}/grille`);
    try {
      const {page} = opened;
      await page.waitForSelector("#grille-import");
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", {name: "Exporter en JSON"}).click()]);
      const good = JSON.parse(readFileSync((await download.path())!, "utf8"));
      const dir = mkdtempSync(join(tmpdir(), "grille-bad-"));
      writeFileSync(join(dir, "v2.json"), JSON.stringify({...good, version: 2}));
      await page.setInputFiles("#grille-import", join(dir, "v2.json"));
      await expect.poll(async () => plain(await page.locator(".assessment-messages").innerText())).toContain("v2.json : évaluation au format version 2 ; cette page lit la version 1. Rien n'a été importé.");
      good.reponses[0].critere = "__proto__";
      writeFileSync(join(dir, "inconnu.json"), JSON.stringify(good));
      await page.setInputFiles("#grille-import", join(dir, "inconnu.json"));
      await expect.poll(async () => plain(await page.locator(".assessment-messages").innerText())).toContain("inconnu.json : réponse n° 1 : critère inconnu « __proto__ »");
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });
});

describe("the grid on the Bilan page", () => {
  test("shows the amounts by criterion and that 100 % of the 2019 amount is not yet assessed", async () => {
    const opened = await openPage(browser, `${server.url}/bilan?annee=2019`);
    try {
      await opened.page.waitForSelector("[data-criteres-non-evalues]");
      expect(plain(await opened.page.locator("[data-criteres-non-evalues]").innerText())).toMatch(/^100,0 % du montant n'est pas encore évalué/);
      expect(plain(await opened.page.locator("table", {hasText: "Non évaluées"}).innerText())).toContain("1 080 000 €");
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });
});

describe("impact pages accessibility", () => {
  for (const path of ["/couts-evites", "/grille"]) {
    test(`${path} has no critical or serious axe violation`, async () => {
      const opened = await openPage(browser, server.url + path);
      try {
        await opened.page.waitForSelector(path === "/grille" ? ".assessment-result" : ".calculator-table");
        expect(await seriousAxe(opened.page)).toEqual([]);
      } finally {
        await opened.close();
      }
    });
  }
});
