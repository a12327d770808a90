/**
 * The territory sheet printed as `npm run report -- --territoire <code>` prints it: one sheet per
 * level (commune, arrondissement, EPT, EPCI, zone d'emploi, bassin, département) printed from the
 * built dist/ through the shared print layer (bin/print-pdf.ts), its text read back with pdftotext
 * and its pages counted with pdfinfo (Debian poppler-utils). The command itself is run for one
 * sheet and for the codes it must refuse: a wrong code gives one French sentence, never a PDF.
 */
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {launchBrowser} from "./browser.js";
import {pdfPageCount, pdfPagesText} from "./pdf.js";
import {printToPdf} from "../../bin/print-pdf.js";
import {sheetFileName, sheetQuery} from "../../bin/report-territoire.js";
import {serve, type StaticServer} from "../../bin/static-server.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = process.env.DIST_DIR ?? join(ROOT, "dist");
const EDITION = "2026-03-05";
const flat = (s: string) => s.replace(/[\u202f\u00a0]/g, " ").replace(/\s+/g, " ");
let dir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(DIST, "fiche.html"))) throw new Error("dist/fiche.html is missing: run npm run build first");
  dir = mkdtempSync(join(tmpdir(), "fiche-pdf-"));
  server = await serve(DIST);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, {recursive: true, force: true});
});

/** Runs the command as a user does (bin/report.ts), the edition date fixed. */
function report(args: string[], out: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "bin/report.ts", ...args, "--date", EDITION, "--out", out], {cwd: ROOT, encoding: "utf8", env: {...process.env, DIST_DIR: DIST}});
  return {status: result.status, stdout: result.stdout, stderr: result.stderr.trim()};
}

// One territory per level, with words its sheet must print: its name, level, a reference it is set against.
const SHEETS = [
  {code: "93027", words: ["La Courneuve", "Commune · 93027", "Seine-Saint-Denis", "Petite couronne", "Site le plus proche", "Poches de pauvreté"]},
  {code: "75119", words: ["Paris 19e Arrondissement", "Arrondissement de Paris · 75119", "placé parmi les communes", "Ville de Paris (subventions ≥ 40 000 €)", "siège du bénéficiaire"]},
  {code: "T6", words: ["Plaine Commune", "EPT · T6", "Seine-Saint-Denis", "Sites dans le territoire"]},
  {code: "200054781", words: ["Métropole du Grand Paris", "EPCI · 200054781", "Habitants à 5 km"]},
  {code: "zone_emploi:1109", words: ["Paris", "Zone d'emploi · 1109", "Chômage localisé"]},
  {code: "bassin:1107", words: ["T1 Paris", "Bassin d'emploi · 1107"]},
  {code: "93", words: ["Seine-Saint-Denis", "Département · 93", "Petite couronne", "1er sur 8 départements", "État (politique de la ville, programme 147)", "département de l'employeur"]}
];
const EVERY_SHEET = ["Indice régional", "Rang", "Stabilité", "Offre d'accompagnement", "Insertion par l'activité économique (2019)", "Accès aux droits (2024)", "Indicateurs clés", "Aides enregistrées", "Île-de-France", "Sources", "Filosofi", "Licence Ouverte 2.0", "Page 1 sur 1"];

describe("the territory sheet as a PDF", () => {
  for (const sheet of SHEETS) {
    test(`${sheet.code}: one A4 page with the sheet's text and the print layer's footer`, async () => {
      const file = join(dir, sheetFileName(sheet.code));
      const printed = await printToPdf(browser, `${server.url}/fiche?${sheetQuery(sheet.code, EDITION)}`, file);
      expect(printed.pages).toBe(1);
      expect(pdfPageCount(file)).toBe(1);
      const words = flat(pdfPagesText(file)[0]!);
      for (const w of [...sheet.words, ...EVERY_SHEET]) expect(words, `« ${w} » on the sheet of ${sheet.code}`).toContain(w);
      expect(words).toMatch(/Fiche territoire : .+ — édition du 5 mars 2026/);
    });
  }

  test("npm run report -- --territoire writes reports/fiche-<code>.pdf's one page", () => {
    const out = join(dir, "commande-93027.pdf");
    const run = report(["--territoire", "93027"], out);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("1 pages");
    expect(pdfPageCount(out)).toBe(1);
    expect(sheetFileName("bassin:1107")).toBe("fiche-bassin-1107.pdf");
  });

  test("a wrong, ambiguous or merged code gives one French sentence and no file", () => {
    const cases: [string, RegExp][] = [
      ["99999", /^Territoire inconnu : « 99999 »/],
      ["1107", /^Le code « 1107 » désigne plusieurs territoires/],
      ["93059", /^Pierrefitte-sur-Seine \(93059\) n.existe plus : commune fusionnée dans Saint-Denis \(93066\) en 2025\. Utilisez le code 93066\.$/]
    ];
    for (const [code, message] of cases) {
      const file = join(dir, `wrong-${code}.pdf`);
      const run = report(["--territoire", code], file);
      expect(run.status, code).toBe(1);
      expect(run.stderr, code).toMatch(message);
      expect(existsSync(file), `no PDF for ${code}`).toBe(false);
    }
    const both = report(["--territoire", "93027", "--year", "2019"], join(dir, "both.pdf"));
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/^Un rapport à la fois/);
  });
});
