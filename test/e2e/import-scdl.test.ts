/**
 * End-to-end tests of the grant-file import on /bilan with files as collectivités publish them: an
 * Excel workbook shaped like a department's export (title, merged group titles, dates and amounts
 * as Excel stores them, a formula, a hidden sheet) and a CSV in the older draft; a header that asks
 * a question; workbooks that must be refused while the page stays usable. Nothing is uploaded.
 */
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser, Page} from "playwright-core";
import {describe, expect, test} from "vitest";
import {scdlSchema} from "../../loaders/schemas.js";
import {validateScdl} from "../../src/model/scdl.js";
import {openPage, type OpenedPage, useBuiltSite} from "./browser.js";
import type {StaticServer} from "../../bin/static-server.js";
import {denseSheetData, departmentWorkbook, workbook, zip} from "../xlsx-fixtures.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const AXE = join(ROOT, "node_modules/axe-core/axe.min.js");
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let server: StaticServer;
let browser: Browser;
useBuiltSite("bilan.html", (s, b) => ([server, browser] = [s, b]));

/** axe-core's critical and serious violations on the page as it is now. */
async function axeBlocking(page: Page): Promise<string[]> {
  await page.addScriptTag({path: AXE});
  return page.evaluate(async () => {
    const axe = (window as unknown as {axe: {run(context: Document, options: object): Promise<{violations: {id: string; impact: string | null; nodes: unknown[]}[]}>}}).axe;
    const result = await axe.run(document, {resultTypes: ["violations"]});
    return result.violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => `${v.id} (${v.nodes.length})`);
  });
}

async function bilan(): Promise<OpenedPage> {
  const opened = await openPage(browser, `${server.url}/bilan`);
  await opened.page.waitForSelector("#scdl-fichier");
  return opened;
}
const status = (page: Page) => page.locator("[data-import-status]").innerText().then(plain);
const report = (page: Page, file: string) => page.locator(`[data-import-report="${file}"]`).innerText().then(plain);
const cells = (page: Page, label: string) => page.locator(`[aria-label="${label}"] tbody tr`).evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent ?? "")));

describe("importing grant files as collectivités publish them", () => {
  test("a department's Excel workbook: columns mapped through their group titles, writings rewritten by named rules, the normalised file valid SCDL 2.1.1", async () => {
    const opened = await bilan();
    try {
      const {page} = opened;
      const uploads: string[] = [];
      page.on("request", (r) => r.method() !== "GET" && uploads.push(r.url()));
      await page.setInputFiles("#scdl-fichier", {name: "essai-departement.xlsx", mimeType: XLSX, buffer: Buffer.from(departmentWorkbook())});
      await page.waitForSelector('[data-import-report="essai-departement.xlsx"]');
      expect(await status(page)).toMatch(/^essai-departement\.xlsx : 2 lignes valides, 1 ligne incomplète \(chargée à part\), 0 ligne rejetée, \d+ avertissements\.$/);
      const text = await report(page, "essai-departement.xlsx");
      expect(text).toContain("Classeur Excel, feuille « Subventions 2018 », en-tête ligne 3 (titres de groupes ligne 2).");
      const mapping = await cells(page, "Colonnes de essai-departement.xlsx");
      expect(mapping.slice(0, 8).map((r) => [r[0], r[1]])).toEqual([
        ["A — Attribuant › Nom", "→ nomAttribuant"],
        ["B — Attribuant › SIRET", "→ idAttribuant"],
        ["C — Date de la convention", "→ dateConvention"],
        ["D — Référence de la décision", "→ referenceDecision"],
        ["E — Bénéficiaire › Nom", "→ nomBeneficiaire"],
        ["F — Bénéficiaire › SIRET", "→ idBeneficiaire"],
        ["G — Subvention › Objet", "→ objet"],
        ["H — Subvention › Montant", "→ montant"]
      ]);
      const problems = await cells(page, "Problèmes de essai-departement.xlsx");
      const said = problems.map((r) => r[3]).join("\n");
      expect(said).toContain("nature « Numéraire » écrite « aide en numéraire »");
      expect(said).toContain("la feuille « Subventions 2018 » est lue, pas « Paramètres » (feuille masquée : « Paramètres »)");
      expect(said).toContain("1 cellule est une formule (H5)");
      expect(await axeBlocking(page), "the report is accessible").toEqual([]);
      expect(text).toContain("Exigences du standard non remplies par les lignes incomplètes (chargées, comptées à part) : 1 sans période de versement.");
      // 292 000 + 146 000 (the formula's saved value) + 64 125,50, of which 64 125,50 € for the incomplete aid.
      expect(plain(await page.locator("[data-import-bilan]").innerText())).toContain("Montant total : 502 125,50 € pour 3 aides, dont 1 aide incomplète pour 64 125,50 €");
      // The normalised file: the valid rows, as SCDL 2.1.1, that our validator reads back without a word.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", {name: /Télécharger le fichier normalisé/}).click()]);
      expect(download.suggestedFilename()).toBe("essai-departement-scdl-2.1.1.csv");
      const bytes = new Uint8Array(readFileSync((await download.path())!));
      const again = validateScdl(bytes, "essai-departement-scdl-2.1.1.csv", await scdlSchema());
      expect(again.problems).toEqual([]);
      expect(again.rows.map((r) => [r.values.nomBeneficiaire, r.values.montant, r.values.dateConvention, r.values.nature, r.values.datesPeriodeVersement, r.values.notificationUE])).toEqual([
        ["Association Les Jardins Partagés", 292000, "2018-01-19", "aide en numéraire", "2018-02-21/2018-03-21", false],
        ["Association Rebond", 146000, "2018-01-19", "aide en numéraire", "2018-02-20", false]
      ]);
      expect(uploads, "nothing is sent to a server").toEqual([]);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("a CSV in the older draft: its columns mapped, the line without an amount rejected with its line and column, the others loaded as incomplete", async () => {
    const opened = await bilan();
    try {
      const {page} = opened;
      await page.setInputFiles("#scdl-fichier", join(ROOT, "test/fixtures/scdl/brouillon-ancien.csv"));
      await page.waitForSelector('[data-import-report="brouillon-ancien.csv"]');
      expect(await status(page)).toMatch(/^brouillon-ancien\.csv : 0 ligne valide, 2 lignes incomplètes \(chargées à part\), 1 ligne rejetée, \d+ avertissements\.$/);
      const text = await report(page, "brouillon-ancien.csv");
      expect(text).toContain("Fichier CSV, encodage windows-1252, séparateur « , ».");
      expect(text).toContain("ancien brouillon du standard (noms COLL_, ATTRIB_, SUB_…)");
      const mapping = await cells(page, "Colonnes de brouillon-ancien.csv");
      expect(mapping.map((r) => [r[0], r[1]])).toContainEqual(["SUB_MONTANT", "→ montant"]);
      expect(mapping.map((r) => [r[0], r[1]])).toContainEqual(["(absente)", "→ pourcentageSubvention"]);
      const problems = await cells(page, "Problèmes de brouillon-ancien.csv");
      expect(problems.filter((r) => r[4] === "ligne rejetée").map((r) => r.slice(0, 3))).toContainEqual(["4", "SUB_MONTANT", "NC"]);
      expect(problems.find((r) => r[0] === "2" && r[1] === "COLL_SIRET")?.[3]).toContain("c'est un SIREN (9 chiffres)");
      expect(plain(await page.locator("[data-import-bilan]").innerText())).toContain("Montant total : 109 833 € pour 2 aides, dont 2 aides incomplètes pour 109 833 €");
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("an ambiguous header is a question on screen; each answer reads the file again", async () => {
    const opened = await bilan();
    try {
      const {page} = opened;
      const csv = "Attribuant,Nom,SIRET,Objet,Montant,Date de la convention\nRégion Île-de-France,Association Rebond,43210987600016,Mobilité solidaire,8000,2024-03-15\n";
      await page.setInputFiles("#scdl-fichier", {name: "questions.csv", mimeType: "text/csv", buffer: Buffer.from(csv)});
      await page.waitForSelector('[data-import-report="questions.csv"]');
      expect(await axeBlocking(page), "the report and its questions are accessible").toEqual([]);
      // Without an answer no column gives the beneficiary's name: nothing is guessed, the file is refused and says why.
      expect(await status(page)).toContain("questions.csv : fichier refusé, aucune ligne chargée");
      expect(await status(page)).toContain("une question sur les colonnes attend votre réponse");
      await page.getByLabel("La colonne « Nom » est-elle « nomAttribuant » ou « nomBeneficiaire » ?").selectOption({label: "nomBeneficiaire"});
      await page.waitForFunction(() => document.querySelector("[data-import-status]")?.textContent?.includes("1 ligne incomplète"));
      await page.getByLabel("La colonne « SIRET » est-elle « idAttribuant » ou « idBeneficiaire » ?").selectOption({label: "idBeneficiaire"});
      await page.waitForFunction(() => !document.querySelector("[data-import-report] fieldset"));
      const mapping = await cells(page, "Colonnes de questions.csv");
      expect(mapping.slice(0, 3).map((r) => [r[0], r[1], r[2]])).toEqual([
        ["Attribuant", "→ nomAttribuant", "intitulé descriptif"],
        ["Nom", "→ nomBeneficiaire", "votre réponse"],
        ["SIRET", "→ idBeneficiaire", "votre réponse"]
      ]);
      expect(await status(page)).toMatch(/^questions\.csv : 0 ligne valide, 1 ligne incomplète \(chargée à part\), 0 ligne rejetée/);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });
});

describe("bad workbooks: a clear message, and the page stays usable", () => {
  test("a 1,000,000-row sheet, a zip that is not a workbook and an .xls are refused, each with what to do; a workbook with formulas, merged cells and a hidden sheet loads with warnings; the next import works", async () => {
    const opened = await bilan();
    try {
      const {page} = opened;
      const files = [
        {name: "million.xlsx", mimeType: XLSX, buffer: Buffer.from(workbook({sheets: [{name: "Feuil1", sheetData: denseSheetData(1_000_000)}]}))},
        {name: "archive.xlsx", mimeType: XLSX, buffer: Buffer.from(zip([{name: "photos/lisez-moi.txt", data: "bonjour"}]))},
        {name: "ancien.xls", mimeType: "application/vnd.ms-excel", buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])},
        {
          name: "mixte.xlsx",
          mimeType: XLSX,
          buffer: Buffer.from(
            workbook({
              sheets: [
                {name: "Aides", rows: [["nomAttribuant", "nomBeneficiaire", "montant"], ["Région Île-de-France", "Association A", {xml: "<f>1000+500</f><v>1500</v>"}], [null, "Association B", 800]], merges: ["A2:A3"]},
                {name: "Calculs", state: "veryHidden", rows: [["x"]]}
              ]
            })
          )
        }
      ];
      await page.setInputFiles("#scdl-fichier", files);
      await page.waitForSelector('[data-import-report="mixte.xlsx"]', {timeout: 60_000});
      const lines = (await status(page)).split("\n").filter(Boolean);
      expect(lines[0]).toMatch(/^million\.xlsx : fichier refusé, aucune ligne chargée ; attendu une feuille d'au plus 100 000 lignes remplies .*enregistrer la feuille en CSV UTF-8/);
      expect(lines[1]).toMatch(/^archive\.xlsx : fichier refusé, aucune ligne chargée ; attendu un classeur Excel \(\.xlsx\) : cette archive zip ne contient pas de classeur/);
      expect(lines[2]).toMatch(/^ancien\.xls : fichier refusé, aucune ligne chargée ; attendu un classeur \.xlsx ou un fichier CSV ; ce fichier est un classeur Excel 97-2003 \(\.xls\).*« Classeur Excel \(\*\.xlsx\) »/);
      // The merged A2:A3 is not copied down: line 3 has no grantor and is rejected, with its reason.
      expect(lines[3]).toMatch(/^mixte\.xlsx : 0 ligne valide, 1 ligne incomplète \(chargée à part\), 1 ligne rejetée/);
      const said = (await cells(page, "Problèmes de mixte.xlsx")).map((r) => `${r[0]} ${r[1]} ${r[3]}`).join("\n");
      expect(said).toContain("les cellules A2:A3 sont fusionnées");
      expect(said).toContain("1 cellule est une formule (C2)");
      expect(said).toContain("feuille masquée : « Calculs »");
      expect(said).toMatch(/3 nomAttribuant une valeur obligatoire/);
      // Still usable: another file right after is read and reported.
      expect(await page.evaluate(() => 1 + 1)).toBe(2);
      await page.setInputFiles("#scdl-fichier", join(ROOT, "test/fixtures/scdl/valid-comma.csv"));
      await page.waitForSelector('[data-import-report="valid-comma.csv"]');
      expect(await status(page)).toBe("valid-comma.csv : 3 lignes valides, 0 ligne rejetée.");
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });
});
