import {describe, expect, it} from "vitest";
import {editionDate, isIsoDate, today} from "../src/lib/clock.js";
import {bilanAnnee, financeursEtAnnees, tableAides, type LigneBilan} from "../src/model/bilan-financeurs.js";
import {
  avecArticle,
  compteUnite,
  couverture,
  evolutionTexte,
  idsSourcesRapport,
  lireDemande,
  periodes,
  phrasesCles,
  sourcesRapport,
  type FinanceurRapport
} from "../src/model/rapport.js";

const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

const CATALOGUE: FinanceurRapport[] = [
  {code: "region_idf", libelle: "Région Île-de-France", unite: ["aide", "aides"]},
  {code: "ville_paris", libelle: "Ville de Paris", unite: ["subvention", "subventions"], seuil: 40000, mention: "subventions ≥ 40 000 €", partielles: {"2025": "année partielle"}},
  {code: "etat_politique_ville", libelle: "État (politique de la ville, programme 147)", unite: ["poste", "postes"]}
];

// A hand-made year: the Region gives 400 € in 2019 (B 200, A 100 + 50, C 30, and 20 € for 2 projects
// it does not name) and 320 € in 2018; the State gives 15 € for 2 posts in 2020. The report reads
// them through the Bilan's model (bilanAnnee, financeursEtAnnees), as the page does.
const ligne = (financeur: string, annee: number, montant: number, nombre_aides: number, nom_beneficiaire: string, dispositif_aide: string | null): LigneBilan =>
  ({financeur, annee, montant, nombre_aides, nom_beneficiaire, dispositif_aide, nature: null, nom_service_instructeur: null, thematique: null, id_beneficiaire: null});
const LIGNES = tableAides([
  ligne("region_idf", 2018, 320, 2, "A", "D1"),
  ligne("region_idf", 2019, 100, 1, "A", "D1"),
  ligne("region_idf", 2019, 50, 1, "A", "D2"),
  ligne("region_idf", 2019, 200, 1, "B", null),
  ligne("region_idf", 2019, 30, 1, "C", "D1"),
  ligne("region_idf", 2019, 20, 2, "(2 projets non nommés dans le rapport)", "D1"),
  ligne("etat_politique_ville", 2020, 10, 1, "X", "FONJEP"),
  ligne("etat_politique_ville", 2020, 5, 1, "Y", "ADULTE_RELAIS")
]);
const DISPONIBLES = financeursEtAnnees(LIGNES);
const resumeAnnee = (financeur: string, annee: number) => bilanAnnee(LIGNES, financeur, annee);

describe("the years the aid data holds", () => {
  it("are listed per funder, sorted, each year once", () => {
    expect(DISPONIBLES).toEqual(new Map([["etat_politique_ville", [2020]], ["region_idf", [2018, 2019]]]));
  });

  it("are written in the catalogue's order, whatever the data's order", () => {
    expect(couverture(DISPONIBLES, CATALOGUE)).toBe("Région Île-de-France (2018 à 2019), État (politique de la ville, programme 147) (2020)");
  });

  it("are written as runs of consecutive years", () => {
    expect(periodes([2019])).toBe("2019");
    expect(periodes([2023, 2020, 2021, 2022])).toBe("2020 à 2023");
    expect(periodes([2013, 2014, 2015, 2016, 2017, 2018, 2020])).toBe("2013 à 2018, 2020");
  });
});

describe("a report request", () => {
  const ask = (annee: string | null, financeurs: string | null = null) => lireDemande({annee, financeurs}, DISPONIBLES, CATALOGUE);

  it("for a year with data and no funder named gives every funder with data that year", () => {
    expect(ask("2019")).toEqual({ok: true, annee: 2019, financeurs: ["region_idf"]});
    expect(ask("2020")).toEqual({ok: true, annee: 2020, financeurs: ["etat_politique_ville"]});
  });

  it("keeps the funders named, once each, in the catalogue's order", () => {
    expect(ask("2019", " region_idf,region_idf ")).toEqual({ok: true, annee: 2019, financeurs: ["region_idf"]});
  });

  it("for a year with no data says so in one sentence with what the data covers", () => {
    const d = ask("2017");
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.message).toBe("Aucune aide enregistrée pour 2017 : les données d'aide couvrent Région Île-de-France (2018 à 2019), État (politique de la ville, programme 147) (2020).");
  });

  it("refuses a missing or malformed year", () => {
    const missing = ask(null);
    const malformed = ask("20l9");
    expect(missing.ok || missing.message).toMatch(/^Année manquante : indiquez une année sur quatre chiffres ; les données d'aide couvrent Région/);
    expect(malformed.ok || malformed.message).toMatch(/^Année « 20l9 » invalide/);
  });

  it("refuses an unknown funder, naming the known ones", () => {
    const d = ask("2019", "region_idf,mairie");
    expect(d.ok || d.message).toBe("Financeur inconnu : « mairie » ; financeurs connus : region_idf (Région Île-de-France), ville_paris (Ville de Paris), etat_politique_ville (État (politique de la ville, programme 147)).");
  });

  it("refuses a known funder without data that year, with its years", () => {
    const d = ask("2019", "etat_politique_ville");
    expect(d.ok || d.message).toBe("Pas de données pour 2019 de État (politique de la ville, programme 147) (années disponibles : 2020).");
    const none = ask("2019", "ville_paris");
    expect(none.ok || none.message).toBe("Pas de données pour 2019 de Ville de Paris (aucune année).");
  });
});

describe("one funder's year, as the report reads it from the Bilan's model", () => {
  it("has the totals, the named beneficiaries largest first and the unnamed aids apart that the first page words", () => {
    const r = resumeAnnee("region_idf", 2019);
    expect(r).toMatchObject({montant: 400, aides: 6, beneficiaires: 3, aidesSansBeneficiaire: 2, precedent: 320, partielle: false});
    expect(r.evolution).toBeCloseTo(0.25, 12); // 400 / 320 − 1
    expect(r.beneficiairesPrincipaux.map((b) => [b.nom, b.montant])).toEqual([["B", 200], ["A", 150], ["C", 30]]);
  });
});

describe("the appendix's sources", () => {
  const LECTURE = [
    {source: "aides_region_2019_rapport", financeur: "region_idf", annee: 2019},
    {source: "subventions_paris_2019", financeur: "ville_paris", annee: 2019},
    {source: "subventions_paris_2020", financeur: "ville_paris", annee: 2020},
    {source: "postes_politique_ville", financeur: "etat_politique_ville", annee: 2020}
  ];

  it("are each funder's sources of that year as the build read them, then what its section adds, each once", () => {
    expect(idsSourcesRapport(LECTURE, ["region_idf", "ville_paris"], 2019)).toEqual(["aides_region_2019_rapport", "aides_complements", "communes_population_2026", "communes_geometrie", "subventions_paris_2019"]);
    expect(idsSourcesRapport(LECTURE, ["ville_paris"], 2020)).toEqual(["subventions_paris_2020"]);
  });

  it("are the registry's entries in that order, an id the registry lacks left out", () => {
    const registry = [{id: "b", t: 2}, {id: "a", t: 1}];
    expect(sourcesRapport(["a", "zz", "b"], registry)).toEqual([{id: "a", t: 1}, {id: "b", t: 2}]);
  });
});

describe("the first page's words", () => {
  const region = resumeAnnee("region_idf", 2019);
  const etat = resumeAnnee("etat_politique_ville", 2020);

  it("are three sentences: what the funder gave, the change, the concentration", () => {
    expect(phrasesCles([region], CATALOGUE).map(plain)).toEqual([
      "En 2019, la Région Île-de-France a accordé 400 € pour 6 aides.",
      "Le montant de la Région Île-de-France augmente de 25,0 % par rapport à 2018 (320 €).",
      "Les trois bénéficiaires nommés, B, A et C, reçoivent 95,0 % du montant de la Région Île-de-France (2 aides sans bénéficiaire nommé)."
    ]);
  });

  it("say when there is no previous year, and name each funder without summing them", () => {
    const ville = {...etat, financeur: "ville_paris", montant: 120000, aides: 2, beneficiaires: 2, beneficiairesPrincipaux: [{nom: "P", montant: 80000, part: 2 / 3}, {nom: "Q", montant: 40000, part: 1 / 3}]};
    const [first, second, third] = phrasesCles([etat, ville], CATALOGUE).map(plain);
    expect(first).toBe("En 2020, l'État (politique de la ville, programme 147) a accordé 15 € pour 2 postes ; la Ville de Paris a accordé 120 000 € pour 2 subventions ≥ 40 000 € — des montants qui ne s'additionnent pas.");
    expect(second).toBe("Les données n'ont pas d'année 2019 pour l'État (politique de la ville, programme 147) : aucune évolution n'est calculable ; les données n'ont pas d'année 2019 pour la Ville de Paris : aucune évolution n'est calculable.");
    expect(third).toBe("Les deux bénéficiaires nommés, X et Y, reçoivent 100,0 % du montant de l'État (politique de la ville, programme 147) ; les deux bénéficiaires nommés, P et Q, reçoivent 100,0 % du montant de la Ville de Paris.");
  });

  it("say a fall as a fall, and a partial year as partial", () => {
    const fall = {...region, evolution: -0.125, precedent: 457.14};
    expect(plain(phrasesCles([fall], CATALOGUE)[1])).toBe("Le montant de la Région Île-de-France baisse de 12,5 % par rapport à 2018 (457,14 €).");
    expect(phrasesCles([{...region, partielle: true, evolution: null}], CATALOGUE)[1]).toBe("L'année 2019 n'est couverte qu'en partie pour la Région Île-de-France : son évolution n'est pas calculée.");
  });

  it("write the change on a key-figure card, signed", () => {
    expect(plain(evolutionTexte(region))).toBe("+25,0 % par rapport à 2018 (320 €)");
    expect(plain(evolutionTexte({...region, evolution: -0.1}))).toBe("−10,0 % par rapport à 2018 (320 €)");
    expect(evolutionTexte({annee: 2020, evolution: null, precedent: null, partielle: false})).toBe("pas de données pour 2019 : pas d'évolution calculable");
  });

  it("count in the funder's unit, with its threshold", () => {
    expect(plain(compteUnite(CATALOGUE[1], 919))).toBe("919 subventions ≥ 40 000 €");
    expect(compteUnite(CATALOGUE[2], 1)).toBe("1 poste");
    expect(avecArticle("Département de l'Essonne")).toBe("le Département de l'Essonne");
    expect(avecArticle("Fondation X")).toBe("Fondation X");
  });
});

describe("the edition date", () => {
  it("is today's local date unless one is asked for", () => {
    expect(today(new Date(2026, 2, 5, 0, 30))).toBe("2026-03-05");
    expect(editionDate(undefined, () => "2026-01-15")).toBe("2026-01-15");
    expect(editionDate("2024-02-29", () => "2026-01-15")).toBe("2024-02-29");
  });

  it("refuses a date that is not a real AAAA-MM-JJ date", () => {
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("05/03/2026")).toBe(false);
    expect(() => editionDate("2026-13-01")).toThrow("Date d'édition « 2026-13-01 » invalide : attendu une date AAAA-MM-JJ, par exemple 2026-03-05.");
  });
});
