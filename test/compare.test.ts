import {csvParse} from "d3-dsv";
import {describe, expect, it} from "vitest";
import {addTerritory, comparison, comparisonCsvText, decodeComparison, encodeComparison} from "../src/model/compare.js";
import {territoryIndex} from "../src/model/territories.js";
import {indicator, needsData} from "./fixtures/needs-data.js";

const chomage = indicator("chomage", {label: "Taux de chômage (recensement 2018)", short: "Chômage", vintage: "recensement 2018", theme: "emploi"});
const pauvrete = indicator("pauvrete", {label: "Taux de pauvreté", vintage: "Filosofi 2021", theme: "revenus", weight: 0});
const localise = indicator("localise", {label: "Chômage localisé", vintage: "2023-T3", niveaux: ["zone_emploi"], theme: "emploi", weight: 0});
const data = needsData([chomage, pauvrete, localise], {
  commune: [
    {code: "93027", nom: "La Courneuve", population: 45000, v: {chomage: 20.4, pauvrete: 40}},
    {code: "93066", nom: "Saint-Denis", population: 150000, v: {chomage: 18, pauvrete: 36}},
    {code: "78551", nom: "=Saint-Germain", population: 45000, v: {chomage: 7, pauvrete: "s"}}
  ],
  ept: [{code: "T6", nom: "Plaine Commune", population: 450000, v: {chomage: 17.5}}, {code: "T4", nom: "Paris Ouest La Défense", v: {chomage: 8}}],
  zone_emploi: [{code: "1107", nom: "Meaux", v: {chomage: 9, localise: 7.1}}],
  bassin: [{code: "1107", nom: "T1 Paris", v: {chomage: 10}}],
  departement: [{code: "93", nom: "Seine-Saint-Denis", v: {chomage: 16}}]
}, [{code: "93059", nom: "Pierrefitte-sur-Seine", departement: "93", vers: "93066", nomVers: "Saint-Denis", annee: 2025}]);
const index = territoryIndex(data);

describe("the comparison's address", () => {
  it("reads 2 to 4 territories of any level and writes them back", () => {
    const state = decodeComparison("t=93027,T6,bassin:1107", index);
    expect(state.territories.map((t) => `${t.niveau}:${t.code}`)).toEqual(["commune:93027", "ept:T6", "bassin:1107"]);
    expect(state.problems).toEqual([]);
    expect(state.refused).toBe(false);
    expect(encodeComparison(state.territories)).toBe("t=93027,T6,bassin:1107");
  });

  it("refuses more than four territories with a message, comparing none", () => {
    const state = decodeComparison("t=93027,93066,T6,T4,93", index);
    expect(state.refused).toBe(true);
    expect(state.problems[0]).toBe("Une comparaison porte sur 2 à 4 territoires : 5 sont demandés. Retirez-en 1 pour comparer.");
  });

  it("says which codes it could not read, and follows a merged commune to the commune it joined", () => {
    const state = decodeComparison("t=93027,99999,1107,93059", index);
    expect(state.territories.map((t) => t.code)).toEqual(["93027", "93066"]);
    expect(state.problems).toHaveLength(2);
    expect(state.problems[0]).toMatch(/^Territoire inconnu : « 99999 »/);
    expect(state.problems[1]).toMatch(/^Le code « 1107 » désigne plusieurs territoires/);
    expect(state.notes).toEqual(["Pierrefitte-sur-Seine (93059) : commune fusionnée dans Saint-Denis (93066) en 2025, qui est montrée à sa place."]);
  });

  it("shows a territory asked twice once", () => {
    const state = decodeComparison("t=93066,93059", index);
    expect(state.territories.map((t) => t.code)).toEqual(["93066"]);
    expect(state.problems).toEqual(["Saint-Denis est demandé deux fois : il n'est montré qu'une fois."]);
  });

  it("refuses a fifth territory added from the search, and a second copy", () => {
    const four = decodeComparison("t=93027,93066,T6,T4", index).territories;
    const dep = index.resolve("93");
    if (!dep.ok) throw new Error("fixture");
    expect(addTerritory(four, dep.territory)).toEqual({territories: four, message: "Seine-Saint-Denis n'est pas ajouté : une comparaison porte sur 4 territoires au plus. Retirez-en un d'abord."});
    expect(addTerritory(four.slice(0, 1), four[0]).message).toBe("La Courneuve est déjà dans la comparaison.");
    expect(addTerritory(four.slice(0, 1), dep.territory).territories.map((t) => t.code)).toEqual(["93027", "93"]);
  });
});

describe("the comparison table", () => {
  const territories = decodeComparison("t=93027,78551,1107", {...index, resolve: (s) => index.resolve(s === "1107" ? "zone_emploi:1107" : s)}).territories;
  const table = comparison(data, territories);

  it("has one column per territory and the indicators published at any of their levels", () => {
    expect(table.rows.map((r) => r.id)).toEqual(["niveau", "population", "indice", "rang", "chomage", "pauvrete", "localise"]);
    expect(table.rows[0].cells.map((c) => c.text)).toEqual(["commune", "commune", "zone d'emploi"]);
    expect(table.rows.find((r) => r.id === "chomage")!.cells.map((c) => c.text)).toEqual(["20,4 %", "7,0 %", "9,0 %"]);
    expect(table.rows.find((r) => r.id === "pauvrete")!.cells.map((c) => c.text)).toEqual(["40,0 %", "secret statistique", "non publié à ce niveau"]);
    expect(table.rows.find((r) => r.id === "localise")!.cells.map((c) => c.text)).toEqual(["non publié à ce niveau", "non publié à ce niveau", "7,1 %"]);
    expect(table.mixedLevels).toBe(true);
  });

  it("ranks each territory within its own level", () => {
    // the index stands on chômage alone (the only weighted indicator): La Courneuve 20.4 > Saint-Denis 18 > Saint-Germain 7;
    // quintile of rank r among n = 5 − ⌊5 (r − 1) / n⌋: 1st of 3 → 5, 3rd of 3 → 5 − ⌊10 / 3⌋ = 2
    expect(table.rows.find((r) => r.id === "rang")!.cells.map((c) => c.text).slice(0, 2)).toEqual(["1er sur 3 communes, quintile 5 sur 5", "3e sur 3 communes, quintile 2 sur 5"]);
    expect(table.rows.find((r) => r.id === "indice")!.cells[0].text).toBe("1,000");
    expect(table.rows.find((r) => r.id === "rang")!.cells[2].text).toBe("1er sur 1 zone d'emploi, quintile 5 sur 5");
  });

  it("exports a CSV that a partner's parser reads back, statuses in words and formula-like names neutralised", () => {
    const rows = csvParse(comparisonCsvText(table));
    expect(rows.columns).toEqual(["indicateur", "unite", "La Courneuve (93027)", "'=Saint-Germain (78551)", "Meaux (zone_emploi:1107)"]);
    const row = rows.find((r) => r.indicateur === "Taux de pauvreté (Filosofi 2021)")!;
    expect([row["La Courneuve (93027)"], row["'=Saint-Germain (78551)"], row["Meaux (zone_emploi:1107)"]]).toEqual(["40", "secret statistique", "non publié à ce niveau"]);
    expect(rows.find((r) => r.indicateur === "Population 2023")!["La Courneuve (93027)"]).toBe("45000");
  });
});
