// @vitest-environment jsdom
// The Bilan's funder section and co-funding table in a DOM: the threshold mention next to every
// Ville de Paris figure, "not published" below the threshold, names as text, funders side by side.
import * as Plot from "@observablehq/plot";
import {describe, expect, it} from "vitest";
import {SectionFinanceur, SerieFinanceur, type ContexteFinanceur} from "../src/components/bilan-financeur.js";
import {CofinancementTable} from "../src/components/cofinancement-table.js";
import {bilanAnnee, serie, tableAides, type LigneBilan} from "../src/model/bilan-financeurs.js";
import type {Financeur} from "../src/model/aides.js";

const PARIS: Financeur = {code: "ville_paris", libelle: "Ville de Paris", seuil: 40000, mention: "subventions ≥ 40 000 €", unite: ["subvention", "subventions"], service: "Direction", partielles: {"2025": "année partielle"}};
const ETAT: Financeur = {code: "etat_politique_ville", libelle: "État", unite: ["poste", "postes"]};
const row = (over: Partial<LigneBilan>): LigneBilan => ({financeur: "ville_paris", annee: 2019, montant: 50000, nombre_aides: 1, nature: "Projet", nom_service_instructeur: "DASES", thematique: "social", dispositif_aide: null, nom_beneficiaire: "A", id_beneficiaire: null, ...over});
const table = tableAides([row({}), row({montant: 150000, nom_beneficiaire: "<img src=x onerror=alert(1)>"}), row({annee: 2018, montant: 100000}), row({annee: 2025, montant: 60000})]);
const plain = (s: string | null) => (s ?? "").replace(/[\u202f\u00a0]/g, " ");
const contexte = (financeur: Financeur): ContexteFinanceur => ({
  financeur,
  Plot,
  width: 640,
  sources: [{id: "subventions_paris_2019", title: "Subventions 2019", licence: "ODbL", vintage: "budget 2019", attribution: "© Ville de Paris, ODbL"}],
  lecture: [{source: "subventions_paris_2019", financeur: "ville_paris", annee: 2019, lus: 3, charges: 2, rejetes: 1, montant_lu: 245000, montant_charge: 200000, montant_rejete: 45000}]
});

describe("a funder's year", () => {
  const section = SectionFinanceur(bilanAnnee(table, "ville_paris", 2019, {seuil: 40000, partielles: [2025]}), contexte(PARIS));
  document.body.append(section);

  it("writes the threshold next to every Ville de Paris figure: heading, cards, tables, chart", () => {
    const headings = [...section.querySelectorAll("h2, h3, caption")].map((h) => h.textContent);
    expect(headings.length).toBeGreaterThan(6);
    for (const h of headings) expect(h, h ?? "").toContain("subventions ≥ 40 000 €");
    for (const card of section.querySelectorAll(".card h3")) expect(card.textContent).toContain("subventions ≥ 40 000 €");
    expect(section.querySelector("svg[aria-label], figure[aria-label], [aria-label]")?.getAttribute("aria-label")).toContain("subventions ≥ 40 000 €");
  });

  it("says what the source gave and what was set aside, with the amount", () => {
    expect(plain(section.querySelector(".source")!.textContent)).toContain("Enregistrements de la source pour 2019 : 3 lus, 2 chargés, 1 écartés avec leur raison (45 000 €)");
  });

  it("shows classes below the threshold as not published, never as zero", () => {
    const rows = [...section.querySelectorAll("table")].find((t) => t.caption?.textContent?.startsWith("Répartition par classe"))!.tBodies[0].rows;
    expect(plain(rows[0].textContent)).toBe("moins de 5 k€non publiées (sous le seuil de la source)—");
    expect(plain(rows[4].textContent)).toBe("40 k€ à 100 k€150 000 €");
  });

  it("keeps a beneficiary's name as text", () => {
    expect(section.querySelector("img")).toBeNull();
    expect(section.textContent).toContain("<img src=x onerror=alert(1)>");
  });
});

describe("a funder's series", () => {
  it("marks the partial year and computes no change for it", () => {
    const s = SerieFinanceur(serie(table, "ville_paris", {partielles: [2025]}), contexte(PARIS));
    const last = [...s.querySelectorAll("tbody tr")].at(-1)!;
    expect(plain(last.textContent)).toBe("202560 000 €1année partielle");
  });
});

describe("the co-funding table", () => {
  it("puts each funder in its own column with its years and amount", () => {
    const t = CofinancementTable(
      [{siren: "309001212", noms: ["RELAIS MENILMONTANT"], niveau: "SIRET", cotes: [
        {financeur: "etat_politique_ville", libelle: "État", annees: [2021, 2022], montant: 41000, aides: 2, sirets: ["30900121200047"]},
        {financeur: "ville_paris", libelle: "Ville de Paris", annees: [2019, 2020], montant: 620000, aides: 4, sirets: ["30900121200047"]}
      ], anneesCommunes: []}],
      [PARIS, ETAT]
    );
    expect([...t.tHead!.rows[0].cells].map((c) => c.textContent)).toEqual(["Bénéficiaire (noms selon chaque financeur)", "SIREN", "Jointure", "Années financées par tous", "Ville de Paris (subventions ≥ 40 000 €) : années, montant", "État : années, montant"]);
    expect([...t.tBodies[0].rows[0].cells].map((c) => plain(c.textContent)).slice(3)).toEqual(["aucune", "2019–2020 : 620 000 € (4 subventions)", "2021–2022 : 41 000 € (2 postes)"]);
  });
});
