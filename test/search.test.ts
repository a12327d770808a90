import {describe, expect, it} from "vitest";
import {normalize, searchPlaces, type Place} from "../src/model/search.js";

const commune = (code: string, nom: string, departement: string): Place => ({code, nom, departement, kind: "commune"});
const arrondissement = (n: number): Place => ({
  code: `751${String(n).padStart(2, "0")}`,
  nom: n === 1 ? "Paris 1er Arrondissement" : `Paris ${n}e Arrondissement`,
  departement: "75",
  kind: "arrondissement",
  parent: "75056"
});

const places: Place[] = [
  commune("93066", "Saint-Denis", "93"),
  commune("77403", "Saint-Denis-lès-Rebais", "77"),
  commune("75056", "Paris", "75"),
  arrondissement(1),
  arrondissement(10),
  arrondissement(15),
  commune("94038", "L'Haÿ-les-Roses", "94"),
  commune("91549", "Sainte-Geneviève-des-Bois", "91"),
  commune("91079", "Boissy-le-Sec", "91"),
  commune("77999", "Villebois-Fictif", "77"), // made-up homonyms
  commune("91999", "Villebois-Fictif", "91"),
  commune("91228", "Évry-Courcouronnes", "91")
];

// Every arrondissement, for the ordering of "paris".
const allParis: Place[] = [commune("75056", "Paris", "75"), ...Array.from({length: 20}, (_, i) => arrondissement(20 - i))];

const codes = (query: string, options?: {limit?: number}) => searchPlaces(places, query, options).map((r) => r.place.code);
const first = (query: string) => searchPlaces(places, query)[0]?.place.code;

describe("normalize", () => {
  it("folds case, accents, hyphens and apostrophes", () => {
    expect(normalize("L'Haÿ-les-Roses")).toBe("l hay les roses");
    expect(normalize("  Évry--Courcouronnes ")).toBe("evry courcouronnes");
    expect(normalize("Saint-Germain-en-Laye, 78")).toBe("saint germain en laye 78");
  });

  it("spells out œ and æ", () => {
    expect(normalize("Œuilly")).toBe("oeuilly");
    expect(normalize("Lætitia")).toBe("laetitia");
  });

  it("expands standalone saint abbreviations but not words that merely start with them", () => {
    expect(normalize("st denis")).toBe(normalize("Saint-Denis"));
    expect(normalize("Ste. Geneviève")).toBe("sainte genevieve");
    expect(normalize("Stains")).toBe("stains");
    expect(normalize("Champigny-s/-Marne")).toBe("champigny sur marne");
  });
});

describe("searchPlaces", () => {
  it("finds Saint-Denis (93) first for an abbreviated query", () => {
    const [top] = searchPlaces(places, "st denis");
    expect(top.place.code).toBe("93066");
    expect(top.label).toBe("Saint-Denis (93)");
  });

  it("puts the exact name before longer names that start with it", () => {
    expect(codes("saint denis")).toEqual(["93066", "77403"]);
  });

  it("ignores case and accents in the query", () => {
    expect(first("saint denis")).toBe("93066");
    expect(first("SAINT-DÉNIS")).toBe("93066");
  });

  it("finds Sainte-Geneviève-des-Bois from an abbreviation without accents", () => {
    expect(first("ste genevieve")).toBe("91549");
  });

  it("finds L'Haÿ-les-Roses with or without the space after the apostrophe", () => {
    expect(first("lhay")).toBe("94038");
    expect(first("l hay")).toBe("94038");
  });

  it("finds Évry-Courcouronnes without its accent", () => {
    expect(codes("evry")).toEqual(["91228"]);
  });

  it("matches every query word as a word prefix, in order", () => {
    expect(first("gen bois")).toBe("91549");
    expect(codes("bois gen")).toEqual([]);
  });

  it("falls back to substrings after prefixes", () => {
    expect(codes("rebais")).toEqual(["77403"]);
  });

  it("finds an INSEE code exactly, and lists a code prefix of three digits or more", () => {
    expect(codes("94038")).toEqual(["94038"]);
    expect(codes("91")).not.toContain("91079");
    expect(codes("910")).toEqual(["91079"]);
    expect(codes("915")).toEqual(["91549"]);
  });

  it("finds the 15th arrondissement by name, ordinal, INSEE code or postal code", () => {
    for (const query of ["paris 15", "paris 15e", "Paris 15ème", "15e arrondissement", "75115", "75015"]) {
      expect(first(query), query).toBe("75115");
    }
  });

  it("labels arrondissements as such", () => {
    expect(searchPlaces(places, "paris 15")[0].label).toBe("Paris 15e (arrondissement)");
    expect(searchPlaces(places, "paris 1er")[0].label).toBe("Paris 1er (arrondissement)");
  });

  it("puts the arrondissement whose number is typed before the 10th", () => {
    expect(first("paris 1er")).toBe("75101");
    expect(codes("paris 1")).toEqual(["75101", "75110", "75115"]);
  });

  it("lists Paris first, then its arrondissements in order", () => {
    const result = searchPlaces(allParis, "paris", {limit: 30}).map((r) => r.place.code);
    expect(result).toEqual(["75056", ...Array.from({length: 20}, (_, i) => `751${String(i + 1).padStart(2, "0")}`)]);
    expect(searchPlaces(allParis, "paris")[0].label).toBe("Paris (75)");
  });

  it("gives homonyms labels that tell them apart", () => {
    const results = searchPlaces(places, "villebois fictif");
    expect(results.map((r) => r.label)).toEqual(["Villebois-Fictif (77)", "Villebois-Fictif (91)"]);
  });

  it("adds the INSEE code when name and département are both shared", () => {
    const twins = [commune("91001", "Jumelle", "91"), commune("91002", "Jumelle", "91")];
    const labels = searchPlaces(twins, "jumelle").map((r) => r.label);
    expect(new Set(labels).size).toBe(2);
    expect(labels).toEqual(["Jumelle (91, 91001)", "Jumelle (91, 91002)"]);
  });

  it("returns nothing for an empty or blank query", () => {
    expect(searchPlaces(places, "")).toEqual([]);
    expect(searchPlaces(places, "  - ")).toEqual([]);
  });

  it("returns nothing when nothing matches", () => {
    expect(searchPlaces(places, "zzz")).toEqual([]);
  });

  it("reads built-in property names as plain words", () => {
    for (const word of ["constructor", "toString", "__proto__", "hasOwnProperty"]) expect(normalize(word)).toBe(word.toLowerCase().replace(/_/g, " ").trim());
    expect(searchPlaces(places, "constructor")).toEqual([]);
  });

  it("honours the limit", () => {
    expect(codes("bois")).toEqual(["91079", "91549", "77999", "91999"]);
    expect(codes("bois", {limit: 2})).toEqual(["91079", "91549"]);
    expect(searchPlaces(allParis, "paris")).toHaveLength(8);
  });
});
