import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {readUnitCosts, UNIT_COSTS} from "../loaders/impact.js";
import {arithmetic, checkUnitCostRegistry, conversionFactor, estimate, indexByYear, toConstantEuros, type UnitCostRegistry} from "../src/model/couts-evites.js";

const mini = JSON.parse(readFileSync(new URL("./fixtures/impact/registre-mini.json", import.meta.url), "utf8")) as UnitCostRegistry;
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

describe("the unit-cost registry", () => {
  it("gives every unit cost a source with its address, a year of euros, a unit and a quality note", () => {
    const registry = readUnitCosts();
    expect(registry.couts.length).toBeGreaterThanOrEqual(8);
    for (const c of registry.couts) {
      expect(c.source.url, c.id).toMatch(/^https?:\/\//);
      expect(c.source.passage.length, c.id).toBeGreaterThan(10);
      expect(Number.isInteger(c.annee_euros), c.id).toBe(true);
      expect(c.unite.libelle, c.id).not.toBe("");
      expect(c.montant.min, c.id).toBeLessThanOrEqual(c.montant.max);
    }
    expect(checkUnitCostRegistry(JSON.parse(readFileSync(UNIT_COSTS, "utf8")))).toEqual([]);
  });

  it("fails a unit cost that lacks its source, its year of euros or its unit, naming the cost", () => {
    const broken = structuredClone(mini) as unknown as {couts: Record<string, unknown>[]};
    delete broken.couts[0].source;
    delete broken.couts[1].annee_euros;
    delete (broken.couts[2].unite as Record<string, unknown>).periode;
    const problems = checkUnitCostRegistry(broken);
    expect(problems).toContain("coût n° 1 (a_par_an) : source manquante (éditeur, document, passage).");
    expect(problems).toContain("coût n° 1 (a_par_an) : adresse de la source manquante.");
    expect(problems).toContain("coût n° 2 (b_par_jour) : année des euros manquante.");
    expect(problems.some((p) => p.startsWith("coût n° 3 (c_unique) : unité manquante"))).toBe(true);
  });

  it("flags the advocacy figures as such", () => {
    const advocacy = readUnitCosts().couts.filter((c) => c.qualite === "plaidoyer").map((c) => c.id);
    expect(advocacy).toEqual(expect.arrayContaining(["atd_chomage_longue_duree", "decrochage_vie_active"]));
  });
});

describe("constant euros with the consumer price index", () => {
  it("multiplies by index(target) / index(source): 1 000 € of 2010 are 1 250 € of 2020 when the index goes 100 → 125", () => {
    const index = indexByYear(mini.indice_prix);
    expect(toConstantEuros(1000, 2010, 2020, index)).toEqual({ok: true, value: 1250});
    const back = toConstantEuros(1250, 2020, 2010, index);
    expect(back.ok && back.value).toBeCloseTo(1000, 9);
  });

  it("converts the 2007 cost of a day in detention (70,81 €) into 2017 euros with INSEE's annual averages 90,66 and 101,23", () => {
    const registry = readUnitCosts();
    const r = toConstantEuros(70.81, 2007, 2017, indexByYear(registry.indice_prix));
    // 70,81 × 101,23 = 7 168,0963 ; / 90,66 = 79,0657…
    expect(r.ok && r.value).toBeCloseTo(79.0657, 3);
  });

  it("refuses a year the cited series does not hold, saying which", () => {
    expect(conversionFactor(2019, 2020, indexByYear(mini.indice_prix))).toEqual({ok: false, reason: "l'indice des prix de 2019 n'est pas dans la série citée"});
  });
});

describe("the avoided-cost range", () => {
  it("multiplies unit cost × count × duration for the low and the high bound, one total per year of euros", () => {
    const e = estimate([
      {coutId: "a_par_an", nombre: "10", duree: "2"},
      {coutId: "b_par_jour", nombre: "3", duree: "365"}
    ], mini);
    expect(e.problems).toEqual([]);
    // 1 000 × 10 × 2 = 20 000 ; 1 500 × 10 × 2 = 30 000 (euros 2010)
    // 20 × 3 × 365 = 21 900 ; 50 × 3 × 365 = 54 750 (euros 2020) — never added to 2010 euros
    expect(e.totals).toEqual([
      {annee: 2010, min: 20000, max: 30000, lignes: [1]},
      {annee: 2020, min: 21900, max: 54750, lignes: [2]}
    ]);
  });

  it("adds lines once they are in the same euros, and leaves a year outside the index in its own euros", () => {
    const e = estimate([
      {coutId: "a_par_an", nombre: "10", duree: "2"},
      {coutId: "b_par_jour", nombre: "3", duree: "365"},
      {coutId: "c_unique", nombre: "2", duree: ""},
      {coutId: "d_hors_indice", nombre: "1", duree: "1,5"}
    ], mini, 2020);
    // a: 1 250 to 1 875 € of 2020 × 20 = 25 000 to 37 500 ; b: 21 900 to 54 750
    // c: 300 000 × 125 / 110 × 2 = 681 818,18… ; d: 2 000 × 1,5 = 3 000 € of 2019, not converted
    const y2020 = e.totals.find((t) => t.annee === 2020)!;
    expect(y2020.min).toBeCloseTo(25000 + 21900 + 681818.1818, 3);
    expect(y2020.max).toBeCloseTo(37500 + 54750 + 681818.1818, 3);
    expect(e.totals.find((t) => t.annee === 2019)).toEqual({annee: 2019, min: 3000, max: 3000, lignes: [4]});
    expect(e.notConverted).toEqual([{ligne: 4, reason: "l'indice des prix de 2019 n'est pas dans la série citée"}]);
  });

  it("shows each step of the arithmetic, conversion included", () => {
    const e = estimate([{coutId: "a_par_an", nombre: "10", duree: "2"}], mini, 2020);
    expect(arithmetic(e.lines[0]).map(plain)).toEqual([
      "Coût unitaire : de 1 000 € à 1 500 € par personne et par an (euros 2010).",
      "En euros 2020 : × 125,00 / 100,00 (indice des prix 2020 / 2010) = de 1 250 € à 1 875 €.",
      "de 1 250 € à 1 875 € × 10 (personne) × 2 ans = de 25 000 € à 37 500 € (euros 2020)."
    ]);
  });

  it("refuses a negative count and a non-numeric duration with a French message, and leaves those lines out", () => {
    const e = estimate([
      {coutId: "a_par_an", nombre: "-3", duree: "1"},
      {coutId: "b_par_jour", nombre: "2", duree: "deux ans"},
      {coutId: "inconnu", nombre: "1", duree: "1"},
      {coutId: "a_par_an", nombre: "", duree: "1"}
    ], mini);
    expect(e.lines).toEqual([]);
    expect(e.totals).toEqual([]);
    expect(e.problems.map((p) => p.message)).toEqual([
      "Ligne 1 — nombre (personne) : « -3 » est négatif ; attendu un nombre positif ou nul, par exemple 12.",
      "Ligne 2 — durée en jours : « deux ans » n'est pas un nombre ; attendu une durée positive ou nulle en jours, par exemple 1,5.",
      "Ligne 3 — coût unitaire : « inconnu » n'est pas dans le registre ; choisissez un coût de la liste.",
      "Ligne 4 — nombre (personne) : la case est vide ; attendu un nombre positif ou nul, par exemple 12."
    ]);
  });

  it("does not take __proto__ or constructor for a unit cost", () => {
    const e = estimate([{coutId: "__proto__", nombre: "1", duree: "1"}, {coutId: "constructor", nombre: "1", duree: "1"}], mini);
    expect(e.lines).toEqual([]);
    expect(e.problems).toHaveLength(2);
  });
});

describe("formula-safe CSV cells", () => {
  it("prefixes text starting with = + - @ or a tab with an apostrophe, and leaves numbers and other text alone", async () => {
    const {formatCsv} = await import("../src/lib/csv.js");
    const csv = formatCsv(["a", "b"], [{a: "=1+1", b: -3}, {a: "+33 1 23", b: "@x"}, {a: "-moins", b: "\tTab"}, {a: "ok = ok", b: 2.5}], "utf8", {formulaSafe: true});
    expect(csv).toBe("a,b\r\n'=1+1,-3\r\n'+33 1 23,'@x\r\n'-moins,'\tTab\r\nok = ok,2.5\r\n");
    expect(formatCsv(["a"], [{a: "=1+1"}])).toBe("a\r\n=1+1\r\n"); // opt-in: published tables are unchanged
  });
});
