import {csvParse, dsvFormat} from "d3-dsv";
import {describe, expect, it} from "vitest";
import {aidKeys, readAidTags, readGrid} from "../loaders/impact.js";
import {AUCUN, amountsByCriterion, type AidTag} from "../src/model/aides-criteres.js";
import {emptyEvaluation, parseEvaluation, reasonedResult, SCHEMA, toCsv, toJson, type Evaluation} from "../src/model/grille.js";

const grille = readGrid();

function filled(): Evaluation {
  const e = emptyEvaluation(grille);
  e.projet = {nom: "Épicerie « solidaire »", porteur: "Association L'Entraide", date: "2025-03-14", evaluateur: "Service ESS"};
  e.reponses[0] = {critere: "loi_besoin_social", reponse: "oui", preuves: "Diagnostic 2024 :\n40 % des ménages du quartier sous le seuil ; \"aucune\" offre à moins de 3 km"};
  e.reponses[3] = {critere: "csess_besoin_social", reponse: "en_partie", preuves: "<script>alert(1)</script> collé depuis un courriel"};
  e.reponses[5] = {critere: "csess_autres_effets", reponse: "oui", preuves: "=HYPERLINK(\"http://x\")"};
  e.conclusion = "À soutenir ; revoir l'implication des usagers.";
  return e;
}

describe("the identification grid", () => {
  it("holds the three characteristics of article 15, I and the four CSESS markers, each with its source text", () => {
    expect(grille.criteres.filter((c) => c.groupe === "loi").map((c) => c.id)).toEqual(["loi_besoin_social", "loi_forme_innovante", "loi_beneficiaires_associes"]);
    expect(new Set(grille.criteres.filter((c) => c.groupe === "csess").map((c) => c.categorie))).toEqual(new Set(["Besoins sociaux et implication des acteurs", "Autres effets positifs", "Expérimentation et prise de risque"]));
    const law = grille.sources.find((s) => s.id === "loi_ess_art15")!.texte;
    for (const c of grille.criteres.filter((x) => x.source === "loi_ess_art15")) expect(law).toContain(c.texte_source);
  });
});

describe("an assessment kept on the user's machine", () => {
  it("exported, re-imported and exported again is byte-identical", () => {
    const first = toJson(filled(), grille);
    const back = parseEvaluation(first, grille, "evaluation.json");
    expect(back.ok).toBe(true);
    expect(back.ok && toJson(back.evaluation, grille)).toBe(first);
  });

  it("puts the answers of a file written in another order back in the grid's order, then stays stable", () => {
    const shuffled = JSON.parse(toJson(filled(), grille));
    shuffled.reponses.reverse();
    const once = parseEvaluation(JSON.stringify(shuffled), grille);
    expect(once.ok).toBe(true);
    const text = once.ok ? toJson(once.evaluation, grille) : "";
    expect(text).toBe(toJson(filled(), grille));
  });

  it("refuses another schema version, naming it and the version this page reads", () => {
    const other = {...JSON.parse(toJson(filled(), grille)), version: 2};
    const r = parseEvaluation(JSON.stringify(other), grille, "ancienne.json");
    expect(r.ok).toBe(false);
    expect(r.messages[0].message).toBe("ancienne.json : évaluation au format version 2 ; cette page lit la version 1. Rien n'a été importé.");
  });

  it("refuses a file that is not an assessment, and one that is not JSON", () => {
    expect(parseEvaluation(JSON.stringify({schema: "autre"}), grille, "x.json").messages[0].message).toMatch(/^x\.json : ce fichier n'est pas une évaluation de la grille \(champ « schema » lu : "autre"/);
    expect(parseEvaluation("cle;critere\n", grille, "y.csv").messages[0].message).toMatch(/^y\.csv : ce n'est pas un fichier JSON lisible/);
  });

  it("refuses unknown criteria, including __proto__ and constructor", () => {
    for (const critere of ["critere_2030", "__proto__", "constructor"]) {
      const e = JSON.parse(toJson(filled(), grille));
      e.reponses[1].critere = critere;
      const r = parseEvaluation(JSON.stringify(e), grille, "e.json");
      expect(r.ok, critere).toBe(false);
      expect(r.messages.map((m) => m.message)).toContain(`e.json : réponse n° 2 : critère inconnu « ${critere} » ; la grille version 1 ne le contient pas. Rien n'a été importé.`);
    }
  });

  it("refuses an answer outside the grid's list and a repeated criterion", () => {
    const e = JSON.parse(toJson(filled(), grille));
    e.reponses[1].reponse = "peut-être";
    e.reponses[2].critere = "loi_besoin_social";
    const messages = parseEvaluation(JSON.stringify(e), grille, "e.json").messages.map((m) => m.message);
    expect(messages).toContain(`e.json : réponse n° 2 (« Forme d'entreprise, production ou organisation du travail innovante (2°) ») : réponse "peut-être" ; attendu « oui », « en_partie », « non », « ne_sait_pas » ou vide.`);
    expect(messages).toContain("e.json : réponse n° 3 : le critère « loi_besoin_social » est déjà renseigné plus haut.");
  });

  it("keeps HTML in free text verbatim, with a warning that it is shown as text", () => {
    const r = parseEvaluation(toJson(filled(), grille), grille, "e.json");
    expect(r.ok).toBe(true);
    expect(r.ok && r.evaluation.reponses[3].preuves).toBe("<script>alert(1)</script> collé depuis un courriel");
    expect(r.messages.map((m) => m.message)).toEqual([
      "e.json : preuves du critère « Réponse à un besoin social mal satisfait » contient des balises HTML (<script>) : le texte est conservé tel quel et affiché comme du texte, jamais interprété."
    ]);
  });

  it("exports a CSV that spreadsheets read as text: formulas neutralised, quotes and newlines kept", () => {
    const csv = toCsv(filled(), grille);
    expect(csv.startsWith("\ufeff")).toBe(true);
    const rows = dsvFormat(";").parse(csv.slice(1));
    expect(rows.length).toBe(grille.criteres.length + 1);
    expect(rows[5].preuves).toBe("'=HYPERLINK(\"http://x\")");
    expect(rows[0].preuves).toContain("\"aucune\" offre");
    expect(rows[0].reponse).toBe("Oui");
    expect(rows.at(-1)!.critere).toBe("conclusion");
    expect(csvParse("a\n1").length).toBe(1); // the independent parser is the one the e2e checks use
  });
});

describe("the reasoned result", () => {
  it("says the project falls under article 15 when 1° is answered yes with evidence", () => {
    expect(reasonedResult(filled(), grille).loi).toBe("Au sens de l'article 15, I de la loi ESS, le projet relève de l'innovation sociale : caractéristique établie avec preuves — Besoin social non ou mal satisfait (1°).");
  });

  it("says a yes without evidence is asserted, not established", () => {
    const e = filled();
    e.reponses[0].preuves = "   ";
    const r = reasonedResult(e, grille);
    expect(r.loi).toMatch(/^Article 15, I : Besoin social non ou mal satisfait \(1°\) — affirmé sans preuve\./);
    expect(r.manquants).toEqual(["Besoin social non ou mal satisfait (1°)"]);
  });

  it("says the project does not fall under the law when 1° and 2° are both answered no", () => {
    const e = filled();
    e.reponses[0].reponse = "non";
    e.reponses[1].reponse = "non";
    expect(reasonedResult(e, grille).loi).toBe("Article 15, I : aucune des caractéristiques 1° ou 2° n'est présente selon l'évaluation. Le projet ne relève pas de l'innovation sociale au sens de la loi.");
  });

  it("lists the CSESS markers by answer, never as a score", () => {
    const r = reasonedResult(filled(), grille);
    expect(r.csess).toEqual([
      "Repères du CSESS présents : Autres effets positifs.",
      "Repères du CSESS en partie : Réponse à un besoin social mal satisfait.",
      "Repères du CSESS sans réponse : Implication des acteurs concernés ; Expérimentation et prise de risque."
    ]);
    expect(r.csess.join(" ")).not.toMatch(/\d+\s*\/\s*\d+|score|note/i);
  });
});

describe("grid tags on aid", () => {
  const tags = (rows: [string, string][]): AidTag[] => rows.map(([cle, critere], i) => ({line: i + 2, cle, critere, raison: "r", source_passage: "p"}));
  const aides = [
    {cle: "a", montant: 100, nombre_aides: 1},
    {cle: "b", montant: 300, nombre_aides: 1},
    {cle: "c", montant: 600, nombre_aides: 3}
  ];

  it("counts an aid under each criterion it meets and keeps the untagged amount apart as not assessed", () => {
    const r = amountsByCriterion(aides, tags([["a", "loi_besoin_social"], ["a", "csess_autres_effets"], ["b", AUCUN]]), grille);
    expect(r.rows.find((x) => x.critere === "loi_besoin_social")).toMatchObject({montant: 100, aides: 1});
    expect(r.rows.find((x) => x.critere === "csess_autres_effets")).toMatchObject({montant: 100, aides: 1});
    expect(r.aucun).toEqual({montant: 300, aides: 1});
    expect(r.evalue).toEqual({montant: 400, aides: 2});
    expect(r.nonEvalue).toEqual({montant: 600, aides: 3});
    expect(r.evalue.montant + r.nonEvalue.montant).toBe(r.total);
  });

  it("leaves every 2019 aid not assessed: the report states no criterion for any of them", () => {
    expect(readAidTags()).toEqual([]);
    expect(aidKeys().size).toBe(9);
  });

  it("refuses a tag with an unknown criterion, an unknown aid or no reason, naming file, line and column", () => {
    const file = new URL("./fixtures/aides/criteres-bad.csv", import.meta.url).pathname;
    let message = "";
    try {
      readAidTags(file);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`${file}, ligne 3, colonne critere : « critere_invente » n'est pas un critère de la grille version 1`);
    expect(message).toContain(`${file}, ligne 4, colonne cle : « RIDF2019-99 » n'est la clé d'aucune aide`);
    expect(message).toContain(`${file}, ligne 5, colonne raison : vide ; un critère ne s'attribue qu'avec une raison tirée de la source.`);
    expect(message).not.toContain("ligne 2");
  });
});
