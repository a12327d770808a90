// What the Besoins page says about a permalink it could not fully use, and about a view that is
// undefined (all weights at 0, an indicator not published at the chosen scale).
import {describe, expect, it} from "vitest";
import type {NeedsData} from "../src/model/needs-model.js";
import {stateProblems, viewProblem} from "../src/model/needs-state.js";
import {INDICES} from "./fixtures/needs-rules.js";

const level = (codes: string[], chomage: (number | null)[], localise: (number | null)[]) => ({
  codes, noms: codes, population: codes.map(() => 100),
  valeurs: {chomage, localise}, statuts: {chomage: chomage.map((v) => (v === null ? "absent" : null)), localise: localise.map((v) => (v === null ? "absent" : null))},
  methodes: {}, couverture: {}
});
const data = {
  themes: [{id: "emploi", label: "Emploi", weight: 1}],
  indicators: [
    {id: "chomage", label: "Taux de chômage", short: "Chômage", unit: "%", direction: "besoin_si_eleve", theme: "emploi", weight: 1},
    {id: "localise", label: "Taux de chômage localisé", short: "Chômage localisé", unit: "%", direction: "besoin_si_eleve", theme: "emploi", weight: 0, niveaux: ["zone_emploi"]}
  ],
  indices: INDICES,
  rejetes: [],
  niveaux: {commune: level(["77001", "93066"], [8, 22], [null, null]), zone_emploi: level(["1101"], [12], [6.9])},
  chomageZe: {},
  sources: {}
} as unknown as NeedsData;

describe("a permalink the page could not fully use", () => {
  it("names each part it set aside, with the value and what was expected", () => {
    expect(stateProblems("niveau=pays&indicateur=xyz&poids=emploi:2,foo:1,chomage:,constructor:1", data)).toEqual([
      "Échelle « pays » inconnue dans l'adresse : les communes sont affichées.",
      "Carte « xyz » inconnue dans l'adresse : l'indice régional est affiché.",
      "Poids « emploi » = « 2 » invalide dans l'adresse (attendu : un nombre entre 0 et 1) : le poids par défaut est gardé.",
      "Poids « foo » inconnu dans l'adresse : il est ignoré (ni un thème ni un indicateur).",
      "Poids « chomage » = «  » invalide dans l'adresse (attendu : un nombre entre 0 et 1) : le poids par défaut est gardé.",
      "Poids « constructor » inconnu dans l'adresse : il est ignoré (ni un thème ni un indicateur)."
    ]);
  });

  it("says nothing about a clean permalink", () => {
    expect(stateProblems("niveau=zone_emploi&indicateur=indice_detaille&poids=emploi:0.5", data)).toEqual([]);
  });
});

describe("an undefined view is explained", () => {
  it("all weights at 0 leave both measures undefined", () => {
    const zero = {themes: {emploi: 0}, indicators: {chomage: 1, localise: 0}};
    expect(viewProblem(data, "commune", "indice", zero)).toMatch(/^Tous les poids des thèmes sont nuls : l'indice régional n'est pas défini/);
    expect(viewProblem(data, "commune", "indice_detaille", zero)).toMatch(/l'indice détaillé n'est pas défini/);
  });

  it("an indicator published by zone d'emploi only, asked at the commune scale, points to the scale where it is", () => {
    const w = {themes: {emploi: 1}, indicators: {chomage: 1, localise: 0}};
    expect(viewProblem(data, "commune", "localise", w)).toBe("« Taux de chômage localisé » n'est pas publié à l'échelle « Communes (Paris par arrondissement) » : choisissez l'échelle « Zones d'emploi ».");
    expect(viewProblem(data, "zone_emploi", "localise", w)).toBeNull();
    expect(viewProblem(data, "commune", "indice", w)).toBeNull();
  });
});
