import {describe, expect, it} from "vitest";
import {pocketsFinding, stabilityFinding, supplyFinding, topQuintileFinding, type BriefingCommune} from "../src/model/briefing.js";
import type {Famille} from "../src/model/supply-gap.js";

const nb = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

// Six communes; three in the top quintile (5): 93001 (100 000 inh.), 93002 (50 000), 95001 (50 000, grande couronne).
const commune = (code: string, population: number, quintile: number | null, stable: number, poches: number | null, couronne = "petite_couronne"): BriefingCommune => ({code, departement: code.slice(0, 2), couronne, population, quintile, stable, poches});
const communes = [
  commune("93001", 100_000, 5, 0.95, 6),
  commune("93002", 50_000, 5, 0.5, 2),
  commune("95001", 50_000, 5, 0.8, null, "grande_couronne"),
  commune("92001", 200_000, 3, 0, 3),
  commune("77001", 100_000, 1, 0, 0, "grande_couronne"),
  commune("77002", 500, null, NaN, null, "grande_couronne")
];

describe("the home page's findings", () => {
  it("count the people of the top need quintile and say where they live", () => {
    // 200 000 of 500 500 inhabitants = 40,0 %; 93: 150 000 / 200 000 = 75,0 %, 95: 25,0 %
    const f = topQuintileFinding(communes);
    expect(nb(f.text)).toBe("200 000 habitants, soit 40,0 % des Franciliens, vivent dans les 3 communes du cinquième le plus en besoin (indice régional de besoins sociaux) : 75,0 % en Seine-Saint-Denis et 25,0 % dans le Val-d'Oise. L'une d'elles est en grande couronne.");
    expect(f.href).toBe("./besoins");
  });

  it("count the top-quintile communes that stay there in at least 80 % of the weight draws", () => {
    // 93001 (0,95) and 95001 (0,8) of 3
    const f = stabilityFinding(communes, {draws: 1000});
    expect(nb(f.text)).toMatch(/^Sur les 3 communes du cinquième le plus en besoin, 2 \(66,7 %\) y restent dans au moins 80 % des 1 000 jeux de poids/);
    expect(f.href).toBe("./besoins?indicateur=stabilite");
  });

  it("give, family by family, the unemployed and the poor with no site within the radius", () => {
    const familles = [
      {id: "emploi", libelle: "Service public de l'emploi", millesime: "2019"},
      {id: "insertion", libelle: "Insertion par l'activité économique", millesime: "2019"},
      {id: "entrepreneuriat", libelle: "Accompagnement à l'entrepreneuriat", millesime: "2008 à 2024", partiel: true}
    ] as Famille[];
    const places = [
      {code: "A", chomeurs: 600, personnesPauvres: 1000},
      {code: "B", chomeurs: 300, personnesPauvres: null},
      {code: "C", chomeurs: 100, personnesPauvres: 3000}
    ];
    // entrepreneuriat: every place beyond 5 km (100 %), but a partial compilation: in the table, never the sentence's figure
    const d = (emploi: number, insertion: number) => new Map([["emploi", emploi], ["insertion", insertion], ["entrepreneuriat", 12]]);
    // emploi beyond 5 km: C (100 of 1 000 unemployed = 10 %; 3 000 of 4 000 known poor = 75 %)
    // insertion beyond 5 km: A and B (900 = 90 %; poor: A's 1 000 = 25 %, B's unknown)
    const nearest = new Map([["A", d(1, 7)], ["B", d(5, 5.5)], ["C", d(9, 2)]]);
    const f = supplyFinding(places, nearest, familles, 5);
    expect(nb(f.text)).toBe("90,0 % des chômeurs de 15 à 64 ans (900 personnes) vivent à plus de 5 km de toute structure recensée de la famille « insertion par l'activité économique » ; 10,0 % pour « service public de l'emploi ». Le tableau donne chaque famille, pour les chômeurs et pour les personnes pauvres là où leur nombre est publié (2 lieux sur 3) ; « accompagnement à l'entrepreneuriat » repose sur un recensement partiel.");
    expect(f.table!.rows.map((r) => r.map(nb))).toEqual([
      ["Accompagnement à l'entrepreneuriat (2008 à 2024, recensement partiel)", "100,0 % (1 000)", "100,0 % (4 000)"],
      ["Insertion par l'activité économique (2019)", "90,0 % (900)", "25,0 % (1 000)"],
      ["Service public de l'emploi (2019)", "10,0 % (100)", "75,0 % (3 000)"]
    ]);
  });

  it("count the poverty pockets that lie outside the top quintile", () => {
    // communes split into IRIS: 93001 (6), 93002 (2), 92001 (3), 77001 (0) → 11 pockets; outside quintile 5: 92001's 3, in 1 commune
    const f = pocketsFinding(communes, {seuil: 30});
    expect(nb(f.text)).toBe("Dans les 4 communes découpées en IRIS (quartiers d'environ 2 000 habitants), 11 IRIS comptent au moins 30 % d'habitants sous le seuil de bas revenus déclarés. 3 d'entre eux (27,3 %) sont dans 1 commune qui n'est pas du cinquième le plus en besoin : la moyenne communale les cache.");
  });
});
