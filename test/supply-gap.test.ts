// The gap by family of the support offer, on hand-made places and sites (distances worked out by hand).
import {describe, expect, it} from "vitest";
import {toKm} from "../src/lib/projection.js";
import {familiesRead, familyGapRows, nearestByFamily, sitesByFamily, supportWithin, withImported, type Famille, type SupplySite} from "../src/model/supply-gap.js";

// Sites placed from planar km back to lon/lat, so that toKm gives the km written here.
const kmPerLon = 111.32 * Math.cos((48.7 * Math.PI) / 180);
const site = (famille: string, x: number, y: number, compte = true): SupplySite => ({source: "s", nom: `${famille} ${x}`, type: "t", famille, lon: 2.5 + x / kmPerLon, lat: 48.7 + y / 111.2, compte, mobile: false});
const sites = [site("emploi", 0, 0), site("emploi", 30, 0), site("insertion", 3, 4), site("emploi", 1, 0, false)];
// Two places: A at the origin, B at (20, 0); C under statistical secrecy at (10, 0).
const places = [
  {code: "A", x: 0, y: 0, personnesPauvres: 100},
  {code: "B", x: 20, y: 0, personnesPauvres: 40},
  {code: "C", x: 10, y: 0, personnesPauvres: null}
];
const famille = (id: string): Famille => ({id, libelle: id, description: "", sites: 0, localises: 0, comptes: 0, millesime: "2019", sources: []});

describe("distance to the nearest site of each family", () => {
  const nearest = nearestByFamily(places, sitesByFamily(sites));

  it("measures from each place to the nearest counted site, leaving out a site that does not receive the public", () => {
    // A: emploi at 0 km; insertion (3, 4) at 5 km. B: emploi (30, 0) at 10 km; insertion √(17² + 4²) ≈ 17.46 km.
    expect(nearest.get("A")!.get("emploi")).toBeCloseTo(0, 2);
    expect(nearest.get("A")!.get("insertion")).toBeCloseTo(5, 2);
    expect(nearest.get("B")!.get("emploi")).toBeCloseTo(10, 2);
    expect(nearest.get("B")!.get("insertion")).toBeCloseTo(Math.hypot(17, 4), 2);
    // the uncounted emploi site at (1, 0) would put C at 9 km; the counted ones are 10 km away
    expect(nearest.get("C")!.get("emploi")).toBeCloseTo(10, 2);
  });

  it("says a place has support when any chosen family has a site within R, none when no family is chosen", () => {
    expect(supportWithin(nearest.get("B"), ["emploi", "insertion"], 10.01)).toBe(true);
    expect(supportWithin(nearest.get("B"), ["insertion"], 10.01)).toBe(false);
    expect(supportWithin(nearest.get("A"), [], 50)).toBe(false);
    expect(supportWithin(nearest.get("A"), ["lieux"], 50)).toBe(false); // a family with no site
  });

  it("sums, per family, the known poor with no site within R and counts the secret places apart", () => {
    const rows = familyGapRows(places, nearest, [famille("emploi"), famille("insertion")], 5.01);
    // emploi within 5 km: A only → B (40) and C (secret) without; insertion: A at 5 km → B and C without
    expect(rows.map(({famille, lieuxSans, pauvresSans, inconnusSans}) => ({famille, lieuxSans, pauvresSans, inconnusSans}))).toEqual([
      {famille: "emploi", lieuxSans: 2, pauvresSans: 40, inconnusSans: 1},
      {famille: "insertion", lieuxSans: 2, pauvresSans: 40, inconnusSans: 1}
    ]);
    expect(rows[0].distanceMax).toBeCloseTo(10, 2);
  });

  it("reads the chosen demand, known where the poverty rate is secret, and counts the communes of high need with no site", () => {
    // the unemployed: A 7, B 3, C 5 (known although C's poverty rate is secret); high need: B and C
    const chomeurs = new Map([["A", 7], ["B", 3], ["C", 5]]);
    const rows = familyGapRows(places, nearest, [famille("emploi"), famille("insertion")], 5.01, {weightOf: (p) => chomeurs.get(p.code)!, highNeed: ["B", "C"]});
    // emploi within 5 km of A only: B (3) and C (5) without, both of high need
    expect(rows.map(({famille, pauvresSans, inconnusSans, besoinSans}) => ({famille, pauvresSans, inconnusSans, besoinSans}))).toEqual([
      {famille: "emploi", pauvresSans: 8, inconnusSans: 0, besoinSans: 2},
      {famille: "insertion", pauvresSans: 8, inconnusSans: 0, besoinSans: 2}
    ]);
    // within 10 km, emploi reaches B (at 10 km) and C (at 10 km): no commune of high need is left without
    expect(familyGapRows(places, nearest, [famille("emploi")], 10.01, {highNeed: ["B", "C"]})[0].besoinSans).toBe(0);
  });
});

describe("what the page says about the families read", () => {
  it("names each family read with its vintage, and says so when none is", () => {
    const f = (id: string, libelle: string, millesime: string | null): Famille => ({...famille(id), libelle, millesime});
    const all = [f("emploi", "Service public de l'emploi", "2019"), f("insertion", "Insertion par l'activité économique", "2019"), f("acces_droits", "Accès aux droits", "2024")];
    expect(familiesRead(all, ["insertion", "emploi"])).toBe("service public de l'emploi (2019), insertion par l'activité économique (2019)");
    expect(familiesRead(all, [])).toMatch(/^aucune famille/);
  });

  it("adds imported structures to the family of their type", () => {
    const merged = withImported(new Map([["lieux", [{x: 0, y: 0}]]]), [{type: "tiers_lieu", x: 1, y: 1}, {type: "couveuse", x: 2, y: 2}, {type: "autre", famille: "insertion", x: 3, y: 3}]);
    expect(merged.get("lieux")).toEqual([{x: 0, y: 0}, {x: 1, y: 1}]);
    expect(merged.get("entrepreneuriat")).toEqual([{x: 2, y: 2}]);
    expect(merged.get("insertion")).toEqual([{x: 3, y: 3}]); // the family the file gives wins
  });
});
