import {describe, expect, it} from "vitest";
import {keyFigures} from "../src/model/key-figures.js";

const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");
// A made-up region of 1,000 inhabitants in 10 communes, listed out of order.
const territories = [
  {niveau: "couronne", code: "grande_couronne", libelle: "Grande couronne", population: 500, n_communes: 8},
  {niveau: "region", code: "11", libelle: "Île-de-France", population: 1000, n_communes: 10},
  {niveau: "couronne", code: "paris", libelle: "Paris", population: 200, n_communes: 1},
  {niveau: "couronne", code: "petite_couronne", libelle: "Petite couronne", population: 300, n_communes: 1}
];

describe("the home page's key figures", () => {
  it("give the communes, then Paris, the petite and the grande couronne with their share of the region", () => {
    const {cards} = keyFigures(territories);
    expect(cards.map((c) => [c.title, plain(c.value), plain(c.note)])).toEqual([
      ["Communes", "10", "COG 2025/2026"],
      ["Paris", "200", "habitants, soit 20,0 % de la région ; 1 commune"],
      ["Petite couronne", "300", "habitants, soit 30,0 % de la région ; 1 commune"],
      ["Grande couronne", "500", "habitants, soit 50,0 % de la région ; 8 communes"]
    ]);
  });

  it("stop the build when a level is missing rather than show a partial figure", () => {
    expect(() => keyFigures(territories.filter((t) => t.code !== "paris"))).toThrow(/paris/);
  });
});
