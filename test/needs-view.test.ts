import {describe, expect, it} from "vitest";
import {NEED, NO_DATA} from "../src/lib/palettes.js";
import {decodeState, defaultWeights, levelIndex, type NeedsData} from "../src/model/needs-model.js";
import {indicatorLabel, irisOf, mapChoices, mergerNote, needsView, portraitLevel, searchablePlaces, unemploymentSeries} from "../src/model/needs-view.js";
import {searchPlaces, selectedCode} from "../src/model/search.js";
import {INDICES} from "./fixtures/needs-rules.js";

// A five-commune region, by hand. Poverty rate (more = more need) and median income (less = more
// need); 77002 is under statistical secrecy for both; Paris (75056) has two arrondissements.
const indicator = (id: string, direction: "besoin_si_eleve" | "besoin_si_faible", extra: object = {}) => ({
  id, label: id === "pauvrete" ? "Taux de pauvreté" : "Niveau de vie médian", short: id === "pauvrete" ? "Pauvreté" : "Niveau de vie",
  unit: id === "pauvrete" ? "%" : "€ par an", direction, theme: "revenus", weight: 1, source: "filosofi", vintage: "Filosofi 2021",
  definition: "", aggregation: "ratio", recombinable: id === "pauvrete", ...extra
});
const level = (codes: string[], noms: string[], population: number[], pauvrete: (number | null)[], niveau: (number | null)[], statuts: (string | null)[] = codes.map(() => null)) => ({
  codes, noms, population, departement: codes.map((c) => c.slice(0, 2)), couronne: codes.map(() => "x"),
  valeurs: {pauvrete, niveau},
  statuts: {pauvrete: [...statuts], niveau: [...statuts]},
  methodes: {pauvrete: codes.map((c) => (c === "93066" ? "recombinee" : "publiee")), niveau: codes.map(() => "publiee")},
  couverture: {pauvrete: codes.map(() => null), niveau: codes.map(() => null)}
});
const data: NeedsData = {
  themes: [{id: "revenus", label: "Revenus", weight: 1}],
  indicators: [indicator("pauvrete", "besoin_si_eleve"), indicator("niveau", "besoin_si_faible")],
  niveaux: {
    commune: level(["75056", "77001", "77002", "92004", "93066"], ["Paris", "Acheres-la-Foret", "Amillis", "Asnieres-sur-Seine", "Saint-Denis"], [2000, 100, 50, 800, 1000],
      [16, 6, null, 12, 36], [30000, 28000, null, 27000, 16000], [null, null, "s", null, null]),
    arrondissement: level(["75101", "75102"], ["Paris 1er Arrondissement", "Paris 2e Arrondissement"], [1000, 1000], [8, 24], [40000, 20000]),
    zone_emploi: level(["1101", "1102"], ["Zone A", "Zone B"], [3000, 950], [14, 30], [29000, 17000])
  },
  indices: INDICES,
  rejetes: [],
  chomageZe: {"1101": [["2023-T2", 6.1], ["2023-T3", 6.3]]},
  sources: {},
  fusions: [
    {code: "93059", nom: "Pierrefitte-sur-Seine", departement: "93", vers: "93066", nomVers: "Saint-Denis", annee: 2025},
    {code: "77149", nom: null, departement: "77", vers: "77109", nomVers: "Chamigny", annee: null}
  ]
};
data.niveaux.commune.statuts.niveau[4] = "fusion";
data.niveaux.commune.valeurs.niveau[4] = null;

const weights = defaultWeights(data);
const index = levelIndex(data, "commune", weights);
// Intl's narrow or plain no-break spaces (ICU versions differ) read as spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");
const BUILTINS = ["constructor", "toString", "__proto__", "hasOwnProperty"];

describe("the Besoins map's view of an indicator", () => {
  const view = needsView({data, niveau: "commune", indicateur: "pauvrete", classes: "intervalles", index, arrondissementScores: null});

  it("colours by equal intervals of the communes' values, and greys a secret value", () => {
    // values 6, 12, 16, 36 (secret left out): min 6, max 36, step 6 → breaks 12, 18, 24, 30
    expect(["77001", "92004", "75056", "93066", "77002"].map((c) => view.fill(c))).toEqual([NEED[0], NEED[1], NEED[1], NEED[4], NO_DATA]);
  });

  it("gives a Paris arrondissement its own value at the commune scale", () => {
    expect(view.valueOf("75102")).toBe(24);
    expect(view.fill("75102")).toBe(NEED[3]); // 24 ≥ 24
  });

  it("writes tooltips as text with the value and its unit, or the status that stands for it", () => {
    expect(view.tooltip("93066")).toBe("Saint-Denis (93066) — 36,0 %");
    expect(view.tooltip("77002")).toBe("Amillis (77002) — secret statistique");
  });

  it("says how much of the population the shown values cover, and that none is estimated", () => {
    // 4 communes of 5 have a value: 3,900 of 3,950 inhabitants = 98.7 %
    expect(plain(view.coverage)).toBe("Valeur disponible pour 4 communes sur 5, soit 98,7 % de la population. 1 commune sans valeur : aucune n'est estimée.");
  });

  it("reverses a 'besoin si faible' indicator: the lowest income is the darkest", () => {
    const income = needsView({data, niveau: "commune", indicateur: "niveau", classes: "intervalles", index, arrondissementScores: null});
    // values 30000, 28000, 27000 (Saint-Denis: fusion, no value): lowest = most need
    expect(income.fill("92004")).toBe(NEED[4]);
    expect(income.fill("75056")).toBe(NEED[0]);
    expect(income.tooltip("93066")).toBe("Saint-Denis (93066) — commune fusionnée depuis le millésime : valeur non recombinable");
  });

  it("gives one table row per territory of the scale, missing values as null", () => {
    const rows = view.rows({topQuintileShare: Float64Array.from([0.1, 0, NaN, 0.5, 1])});
    expect(rows.map((r) => [r.code, r.valeur, r.statut, r.stabilite])).toEqual([
      ["75056", 16, "", 0.1], ["77001", 6, "", 0], ["77002", null, "secret statistique", null], ["92004", 12, "", 0.5], ["93066", 36, "", 1]
    ]);
    expect(view.header.valeur).toBe("Pauvreté");
  });
});

describe("the Besoins map's view of the detailed index, with the weights", () => {
  // 77002 is secret for both indicators: 0 of 2, no value; the others have both.
  const view = needsView({data, niveau: "commune", indicateur: "indice_detaille", classes: "quantiles", index, arrondissementScores: null, weights, other: index});

  it("says in the tooltip what the value stands on, or why there is none", () => {
    expect(plain(view.tooltip("77001"))).toMatch(/^Acheres-la-Foret \(77001\) — indice \d,\d\d \(2 indicateurs sur 2, 100,0 % du poids\)$/);
    expect(plain(view.tooltip("77002"))).toBe("Amillis (77002) — indice non calculé : 0 indicateur sur 2 publié, 0,0 % du poids (il en faut la moitié)");
  });

  it("says in the legend why communes are grey, with how many", () => {
    expect(view.legend.at(-1)!.label).toBe("Indice non calculé : indicateurs publiés portant moins de la moitié du poids (1 commune)");
  });

  it("shows in the table how many indicators and what share of the weight stand behind each value, and the other measure", () => {
    expect(view.columns).toEqual(["code", "nom", "valeur", "statut", "indicateurs", "poids", "autre", "rang", "quintile", "stabilite", "population"]);
    const rows = view.rows({topQuintileShare: new Float64Array(5)});
    expect(rows.map((r) => [r.code, r.indicateurs, r.poids])).toEqual([["75056", "2 / 2", 1], ["77001", "2 / 2", 1], ["77002", "0 / 2", 0], ["92004", "2 / 2", 1], ["93066", "1 / 2", 0.5]]);
    expect(view.header.valeur).toBe("Indice détaillé");
  });
});

describe("a count on the map (poverty pockets)", () => {
  it("is drawn in fixed classes 0, 1, 2 to 4, 5 to 9, 10 and more — quantiles of mostly zeros would be empty — and without decimals", () => {
    const counts = {...data, indicators: [{...data.indicators[0], aggregation: "somme", unit: "IRIS"}, data.indicators[1]]};
    const view = needsView({data: counts, niveau: "commune", indicateur: "pauvrete", classes: "quantiles", index, arrondissementScores: null});
    expect(view.legend.slice(0, 5).map((l) => l.label)).toEqual(["0 IRIS", "1 IRIS", "2 à 4 IRIS", "5 à 9 IRIS", "10 et plus IRIS"]);
    expect(["77001", "92004"].map((c) => view.fill(c))).toEqual([NEED[3], NEED[4]]); // 6 and 12
    expect(view.tooltip("77001")).toBe("Acheres-la-Foret (77001) — 6 IRIS");
  });
});

describe("labels that name their vintage once", () => {
  it("adds the vintage to a label, unless the label already names it", () => {
    expect(indicatorLabel({label: "Taux de pauvreté", vintage: "Filosofi 2021"})).toBe("Taux de pauvreté (Filosofi 2021)");
    expect(indicatorLabel({label: "Taux de chômage des 15-64 ans (recensement 2018)", vintage: "recensement 2018"})).toBe("Taux de chômage des 15-64 ans (recensement 2018)");
  });

  it("offers the two measures, the stability and each indicator in the map menu", () => {
    expect(mapChoices(data).map(([, id]) => id)).toEqual(["indice", "indice_detaille", "stabilite", "pauvrete", "niveau"]);
  });
});

describe("lookups keyed by the URL", () => {
  it("never takes a built-in property name for a weight", () => {
    for (const name of BUILTINS) {
      const state = decodeState(`poids=${name}:0.5`, data, weights);
      expect(state.weights, name).toEqual(weights);
      expect(Object.hasOwn(state.weights.themes, name) || Object.hasOwn(state.weights.indicators, name), name).toBe(false);
    }
  });

  it("finds no unemployment series, IRIS or portrait for a built-in property name", () => {
    const iris = {communes: {"93066": [["930660101", "93066", 30, null, 15000, null]]}} as never;
    for (const name of BUILTINS) {
      const state = decodeState(`niveau=zone_emploi&selection=${name}`, data, weights);
      expect(state.niveau).toBe("zone_emploi");
      expect(unemploymentSeries(data, state.niveau, state.selection), name).toBeNull();
      expect(irisOf(iris, data, "commune", name), name).toBeNull();
      expect(portraitLevel(data, "commune", name), name).toBeNull();
    }
  });

  it("still finds the series of a real zone d'emploi", () => {
    expect(unemploymentSeries(data, "zone_emploi", "1101")).toEqual([["2023-T2", 6.1], ["2023-T3", 6.3]]);
    expect(unemploymentSeries(data, "commune", "1101")).toBeNull();
  });

  it("shows Paris's IRIS for an arrondissement and nothing for an unknown code", () => {
    const iris = {communes: {"75056": [["751010101", "75101", 10, null, 40000, null]]}} as never;
    expect(irisOf(iris, data, "commune", "75102")).toHaveLength(1);
    expect(irisOf(iris, data, "commune", "93059")).toBeNull();
  });
});

describe("merged communes", () => {
  const places = searchablePlaces(data);

  it("are found by name, full name or old code, and lead to the commune they joined", () => {
    for (const query of ["Pierrefitte", "Pierrefitte-sur-Seine", "93059", "pierrefitte sur seine"]) {
      const [hit] = searchPlaces(places, query);
      expect(hit?.label, query).toBe("Pierrefitte-sur-Seine (93), fusionnée dans Saint-Denis en 2025");
      expect(selectedCode(hit.place), query).toBe("93066");
    }
  });

  it("without a name in the pack are not offered", () => {
    expect(places.some((p) => p.code === "77149")).toBe(false);
  });

  it("are told in the portrait of the commune that absorbed them, with what that does to its values", () => {
    expect(mergerNote(data, "93066")).toBe(
      "Saint-Denis a absorbé Pierrefitte-sur-Seine en 2025 (Pauvreté : recombiné à partir des effectifs des communes réunies ; Niveau de vie : non recombinable, indisponible)."
    );
    expect(mergerNote(data, "92004")).toBeNull();
  });
});
