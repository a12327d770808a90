import {describe, expect, it} from "vitest";
import {distributionStrips} from "../src/model/distribution.js";
import {ficheOf, type FicheData} from "../src/model/fiche.js";
import {territoryIndex} from "../src/model/territories.js";
import {needFacts} from "../src/model/territory-profile.js";
import {indicator, needsData} from "./fixtures/needs-data.js";

const nb = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");
const chomage = indicator("chomage", {short: "Chômage", label: "Taux de chômage", theme: "emploi"});
const poches = indicator("poches_pauvrete", {short: "Poches", unit: "IRIS", aggregation: "somme", indice: false, weight: 0, decimals: 0, seuil: 50});
const data = needsData([chomage, poches], {
  commune: [
    {code: "93001", nom: "A", population: 1000, departement: "93", couronne: "petite_couronne", v: {chomage: 0, poches_pauvrete: 0}},
    {code: "93002", nom: "B", population: 2000, departement: "93", couronne: "petite_couronne", v: {chomage: 10, poches_pauvrete: 1}},
    {code: "93003", nom: "C", population: 3000, departement: "93", couronne: "petite_couronne", v: {chomage: 20, poches_pauvrete: 2}},
    {code: "77001", nom: "D", population: 500, departement: "77", couronne: "grande_couronne", v: {chomage: 30, poches_pauvrete: "non_decoupee"}}
  ],
  ept: [{code: "T6", nom: "Plaine Commune", population: 6000, v: {chomage: 14, poches_pauvrete: 3}}],
  departement: [{code: "93", nom: "Seine-Saint-Denis", v: {chomage: 15, poches_pauvrete: 3}}, {code: "77", nom: "Seine-et-Marne", v: {chomage: 30, poches_pauvrete: 0}}],
  couronne: [{code: "petite_couronne", nom: "Petite couronne", v: {chomage: 13, poches_pauvrete: 3}}],
  region: [{code: "11", nom: "Île-de-France", v: {chomage: 12, poches_pauvrete: 3}}]
});
const fiche: FicheData = {
  familles: [{id: "emploi", libelle: "Service public de l'emploi", millesime: "2019"}, {id: "insertion", libelle: "Insertion par l'activité économique", millesime: "2019"}],
  sites: ["Agence de C", "JADE"],
  lieux: {"commune:93003": [[1.44, 0, 3], [null, null, 0]]},
  territoires: {"ept:T6": [[6, 1, 0.9876], [21, 0.5, 0.25]]},
  appartenances: {"93003": {ept: "T6", zone_emploi: "1109"}},
  references: {"ept:T6": {departement: "93", couronne: "petite_couronne"}},
  sources: [{id: "sites", title: "Sites", vintage: "2019", licence: "Licence Ouverte 2.0"}],
  // Département 93: State posts in 2022 and 2023; Ville de Paris grants in 2024 and in 2025, a partial year.
  aides: {
    "departement:93": [
      ["etat", 2022, 3, 30000, "departement_employeur", "postes"],
      ["etat", 2023, 2, 25000.4, "departement_employeur", "postes"],
      ["paris", 2024, 4, 200000, "siege", "paris_2024"],
      ["paris", 2025, 1, 50000, "siege", "paris_2025"]
    ],
    "departement:77": [["paris", 2025, 1, 45000, "siege", "paris_2025"]]
  },
  financeurs: [
    {code: "paris", libelle: "Ville", mention: "subventions ≥ 40 000 €", unite: ["subvention", "subventions"], partielles: [2025]},
    {code: "etat", libelle: "État", mention: null, unite: ["poste", "postes"], partielles: []}
  ],
  sourcesAides: {
    postes: {id: "postes", title: "Postes", vintage: "2020-2023", licence: "Licence Ouverte 2.0"},
    paris_2024: {id: "paris_2024", title: "Subventions 2024", vintage: "2024", licence: "ODbL"},
    paris_2025: {id: "paris_2025", title: "Subventions 2025", vintage: "2025", licence: "ODbL"}
  }
};
const index = territoryIndex(data);
const get = (code: string) => {
  const r = index.resolve(code);
  if (!r.ok) throw new Error(r.problem);
  return r.territory;
};

describe("the portrait's picture", () => {
  it("places the territory and its references on the distribution of the communes", () => {
    // communes 0, 10, 20, 30 in two bins over [0, 30]: 0 and 10 in the first, 20 and 30 in the second
    const [strip] = distributionStrips(data, {niveau: "commune", code: "93003"}, {bins: 2});
    expect(strip.id).toBe("chomage"); // a count (poverty pockets) is in the table only
    expect(strip.bins).toEqual([2, 2]);
    expect(strip.domain).toEqual([0, 30]);
    expect(strip.markers.map((m) => [m.kind, m.value, m.x])).toEqual([
      ["territoire", 20, 20 / 30],
      ["departement", 15, 0.5],
      ["couronne", 13, 13 / 30],
      ["region", 12, 0.4]
    ]);
    expect(strip.needSide).toBe("droite");
  });

  it("widens the scale to a reference outside the communes' range, and says when the territory has no value", () => {
    const gappy = needsData([chomage], {commune: [{code: "93001", nom: "A", v: {chomage: 10}}, {code: "93002", nom: "B", v: {chomage: "s"}}, {code: "93003", nom: "C", v: {chomage: 20}}], region: [{code: "11", nom: "Île-de-France", v: {chomage: 40}}]});
    const [strip] = distributionStrips(gappy, {niveau: "commune", code: "93002"});
    expect(strip.domain).toEqual([10, 40]);
    expect(strip.missing).toBe("secret statistique");
    expect(strip.markers.map((m) => m.kind)).toEqual(["region"]);
  });
});

describe("the territory sheet", () => {
  it("gives a commune its nearest site of each family, or says there is none", () => {
    const f = ficheOf(data, fiche, get("93003"), {facts: needFacts(data)(get("93003")), topShare: 0.75, draws: 1000});
    expect(f.supply.rows.map((r) => r.map(nb))).toEqual([
      ["Service public de l'emploi (2019)", "Agence de C", "1,4 km", "3"],
      ["Insertion par l'activité économique (2019)", "—", "aucun site", "0"]
    ]);
    expect(f.parents).toEqual(["EPT Plaine Commune"]); // its zone d'emploi is not in the data: not named
    expect(nb(f.subtitle)).toBe("Commune · 93003 · Seine-Saint-Denis (93)");
    expect(f.indicators.header).toEqual(["Indicateur", "C", "Seine-Saint-Denis", "Petite couronne", "Île-de-France"]);
    expect(nb(f.need.stability)).toBe("dans le cinquième le plus en besoin pour 75,0 % des 1 000 jeux de poids tirés (chaque poids × 0,5 à 1,5)");
  });

  it("counts a larger territory's sites and the share of its people within reach, and sets it against its one département", () => {
    const f = ficheOf(data, fiche, get("T6"), {facts: needFacts(data)(get("T6")), topShare: 1, draws: 1000});
    expect(f.supply.header).toEqual(["Famille (millésime)", "Sites dans le territoire", "Habitants à 5 km", "Chômeurs à 5 km"]);
    expect(f.supply.rows.map((r) => r.map(nb))).toEqual([
      ["Service public de l'emploi (2019)", "6", "100,0 %", "98,8 %"],
      ["Insertion par l'activité économique (2019)", "21", "50,0 %", "25,0 %"]
    ]);
    expect(f.indicators.rows.find((r) => r[0] === "Chômage")).toEqual(["Chômage", "14,0 %", "15,0 %", "13,0 %", "12,0 %"]);
    expect(nb(f.pockets!)).toBe("3 IRIS de ses communes comptent au moins 50 % d'habitants sous le seuil de bas revenus déclarés (Filosofi 2021, revenu déclaré).");
  });

  it("counts a commune's poverty pockets from its IRIS", () => {
    const f = ficheOf(data, fiche, get("93003"), {facts: null, topShare: null, draws: 1000, iris: [{code: "1", taux: 55}, {code: "2", taux: 20}, {code: "3", taux: null}]});
    expect(nb(f.pockets!)).toBe("1 IRIS sur 3 IRIS compte au moins 50 % d'habitants sous le seuil de bas revenus déclarés (taux le plus élevé : 55 %). Revenu déclaré (Filosofi 2021) : ce taux ne se compare pas au taux de pauvreté.");
  });

  it("gives each funder's latest complete year of aid recorded there, one row per funder, never summed", () => {
    const f = ficheOf(data, fiche, get("93"), {facts: null, topShare: null, draws: 1000});
    // Ville: 2024, not the partial 2025; État: 2023 (2 posts, 25 000,4 € rounded to the euro)
    expect(f.aid.rows.map((r) => r.map(nb))).toEqual([
      ["Ville (subventions ≥ 40 000 €)", "2024", "4 subventions", "200 000 €", "siège du bénéficiaire"],
      ["État", "2023", "2 postes", "25 000 €", "département de l'employeur"]
    ]);
    expect(f.aid.none).toBeNull();
    expect(f.sources.slice(-2)).toEqual(["Subventions 2024 (2024)", "Postes (2020-2023)"]);
    expect(f.licences).toBe("Licence Ouverte 2.0 ; ODbL");
  });

  it("takes a partial year when it is the only one, saying so, and says when no aid is recorded", () => {
    expect(ficheOf(data, fiche, get("77"), {facts: null, topShare: null, draws: 1000}).aid.rows.map((r) => r[1])).toEqual(["2025 (année partielle)"]);
    const none = ficheOf(data, fiche, get("T6"), {facts: null, topShare: null, draws: 1000}).aid;
    expect(none.rows).toEqual([]);
    expect(none.none).toMatch(/^Aucune aide enregistrée ici dans les sources chargées/);
  });

  it("cites each source once with its vintage, and the licences once", () => {
    const f = ficheOf(data, fiche, get("93003"), {facts: null, topShare: null, draws: 1000});
    expect(f.sources).toEqual(["Source de test (2021)", "Sites (2019)"]);
    expect(f.licences).toBe("Licence Ouverte 2.0");
  });
});
