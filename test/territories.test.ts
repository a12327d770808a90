import {describe, expect, it} from "vitest";
import {placeRef, territoryIndex, territoryPlaces} from "../src/model/territories.js";
import {searchPlaces, type Place} from "../src/model/search.js";
import {indicator, needsData} from "./fixtures/needs-data.js";

const x = indicator("x");
const data = needsData(
  [x],
  {
    commune: [{code: "93027", nom: "La Courneuve", v: {x: 1}}, {code: "93066", nom: "Saint-Denis", v: {x: 2}}],
    arrondissement: [{code: "75119", nom: "Paris 19e Arrondissement", v: {x: 3}}],
    ept: [{code: "T6", nom: "Plaine Commune", v: {x: 4}}],
    zone_emploi: [{code: "1107", nom: "Meaux", v: {x: 5}}],
    bassin: [{code: "1107", nom: "T1 Paris", v: {x: 6}}],
    departement: [{code: "93", nom: "Seine-Saint-Denis", v: {x: 7}}]
  },
  [
    {code: "93059", nom: "Pierrefitte-sur-Seine", departement: "93", vers: "93066", nomVers: "Saint-Denis", annee: 2025},
    {code: "77028", nom: null, departement: "77", vers: "77433", nomVers: "Beautheil-Saints", annee: null}
  ]
);
const index = territoryIndex(data);

describe("territory codes", () => {
  it("resolve a code the way the site writes it, at the one level that has it", () => {
    const r = index.resolve(" 93027 ");
    expect(r).toEqual({ok: true, territory: {niveau: "commune", code: "93027", nom: "La Courneuve", key: "93027"}, note: null});
    expect(index.resolve("T6")).toMatchObject({ok: true, territory: {niveau: "ept", nom: "Plaine Commune"}});
    expect(index.resolve("75119")).toMatchObject({ok: true, territory: {niveau: "arrondissement"}});
    expect(index.resolve("departement:93")).toMatchObject({ok: true, territory: {niveau: "departement", key: "93"}});
  });

  it("ask for the level when two levels share a code, and give each its key", () => {
    const r = index.resolve("1107");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toBe("Le code « 1107 » désigne plusieurs territoires : Meaux, zone d'emploi (zone_emploi:1107) ; T1 Paris, bassin d'emploi (bassin:1107). Précisez le niveau, par exemple « bassin:1107 ».");
    expect(index.resolve("bassin:1107")).toMatchObject({ok: true, territory: {niveau: "bassin", nom: "T1 Paris", key: "bassin:1107"}});
  });

  it("lead a merged commune to the commune it joined, saying so", () => {
    expect(index.resolve("93059")).toEqual({
      ok: true,
      territory: {niveau: "commune", code: "93066", nom: "Saint-Denis", key: "93066"},
      note: "Pierrefitte-sur-Seine (93059) : commune fusionnée dans Saint-Denis (93066) en 2025, qui est montrée à sa place."
    });
    expect(index.resolve("commune:93059")).toMatchObject({ok: true, territory: {code: "93066"}});
  });

  it("refuse a merged commune where the answer is named after the code (the report command), naming the code to use", () => {
    const strict = territoryIndex(data, undefined, {merged: "refuse"});
    expect(strict.resolve("93059")).toEqual({ok: false, problem: "Pierrefitte-sur-Seine (93059) n'existe plus : commune fusionnée dans Saint-Denis (93066) en 2025. Utilisez le code 93066."});
  });

  it("say what a code should look like when it names nothing, including prototype names", () => {
    for (const text of ["99999", "constructor", "__proto__", "toString"]) {
      const r = index.resolve(text);
      expect(r.ok, text).toBe(false);
      expect(!r.ok && r.problem, text).toMatch(/^Territoire inconnu : « .+ »\. Il faut un code de commune \(93027\)/);
    }
    expect(index.resolve("77028")).toEqual({ok: false, problem: "La commune 77028 n'existe plus : commune fusionnée dans Beautheil-Saints (77433), qui n'est pas dans les données."});
    expect(index.resolve("canton:12")).toEqual({ok: false, problem: "« canton:12 » : le niveau « canton » n'existe pas ; niveaux possibles : commune, arrondissement, ept, zone_emploi, bassin, departement."});
    expect(index.resolve("ept:T99")).toEqual({ok: false, problem: "« ept:T99 » : aucun EPT n'a le code « T99 »."});
    expect(index.resolve("")).toMatchObject({ok: false, problem: expect.stringMatching(/^Aucun territoire indiqué/)});
  });
});

describe("the territory search", () => {
  const communes: Place[] = [{code: "93066", nom: "Saint-Denis", departement: "93", kind: "commune"}];
  const places = territoryPlaces(communes, index);

  it("offers the territories above the commune, labelled with their level", () => {
    expect(searchPlaces(places, "plaine").map((r) => r.label)).toEqual(["Plaine Commune (EPT)"]);
    expect(searchPlaces(places, "seine saint").map((r) => r.label)).toEqual(["Seine-Saint-Denis (département)"]);
    expect(searchPlaces(places, "paris").map((r) => r.label)).toEqual(["T1 Paris (bassin d'emploi)"]);
  });

  it("turns a chosen place into the territory it stands for", () => {
    expect(placeRef(searchPlaces(places, "plaine")[0].place)).toEqual({niveau: "ept", code: "T6"});
    expect(placeRef(communes[0])).toEqual({niveau: "commune", code: "93066"});
    expect(placeRef({code: "93059", nom: "Pierrefitte-sur-Seine", departement: "93", kind: "fusionnee", mergedInto: {code: "93066", nom: "Saint-Denis", annee: 2025}})).toEqual({niveau: "commune", code: "93066"});
    expect(placeRef({code: "75119", nom: "Paris 19e", departement: "75", kind: "arrondissement", parent: "75056"})).toEqual({niveau: "arrondissement", code: "75119"});
  });
});
