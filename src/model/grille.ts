// The identification grid (proposition 1): the criteria of the ESS law, art. 15, and of the CSESS
// 2017 orientations (data/grille-innovation-sociale.json), and a project's assessment against it.
// Pure: normalise, serialise (JSON, CSV), re-import with French messages, and a reasoned result
// that restates the answers and their evidence — never a score.
import {formatCsv} from "../lib/csv.js";

export interface Critere {
  id: string;
  groupe: string;
  categorie?: string;
  libelle: string;
  question: string;
  source: string;
  texte_source: string;
  /** The law: one of these characteristics is enough (art. 15, I, 1° or 2°). */
  suffit: boolean;
}

export interface Grille {
  version: number;
  reponses: {id: string; libelle: string}[];
  sources: {id: string; titre: string; editeur: string; texte: string; cite_dans: string; url: string}[];
  groupes: {id: string; libelle: string; regle: string}[];
  criteres: Critere[];
}

export const SCHEMA = "atlas-idf/evaluation-grille-innovation-sociale";
export const SCHEMA_VERSION = 1;
/** Free text longer than this is refused on import (a pasted file, not an answer). */
export const MAX_TEXT = 10_000;

export type ReponseId = "oui" | "en_partie" | "non" | "ne_sait_pas" | "";

export interface Reponse {
  critere: string;
  reponse: ReponseId;
  preuves: string;
}

export interface Evaluation {
  schema: typeof SCHEMA;
  version: number;
  grille_version: number;
  projet: {nom: string; porteur: string; date: string; evaluateur: string};
  reponses: Reponse[];
  conclusion: string;
}

/** An empty assessment: every criterion of the grid, in its order, unanswered. */
export function emptyEvaluation(grille: Grille): Evaluation {
  return {
    schema: SCHEMA,
    version: SCHEMA_VERSION,
    grille_version: grille.version,
    projet: {nom: "", porteur: "", date: "", evaluateur: ""},
    reponses: grille.criteres.map((c) => ({critere: c.id, reponse: "", preuves: ""})),
    conclusion: ""
  };
}

/** Fixed key order and the grid's criterion order: the same assessment always gives the same bytes. */
export function canonical(e: Evaluation, grille: Grille): Evaluation {
  const byId = new Map(e.reponses.map((r) => [r.critere, r]));
  return {
    schema: SCHEMA,
    version: SCHEMA_VERSION,
    grille_version: grille.version,
    projet: {nom: e.projet.nom, porteur: e.projet.porteur, date: e.projet.date, evaluateur: e.projet.evaluateur},
    reponses: grille.criteres.map((c) => {
      const r = byId.get(c.id);
      return {critere: c.id, reponse: r?.reponse ?? "", preuves: r?.preuves ?? ""};
    }),
    conclusion: e.conclusion
  };
}

export function toJson(e: Evaluation, grille: Grille): string {
  return JSON.stringify(canonical(e, grille), null, 2) + "\n";
}

export function reponseLabel(grille: Grille, id: ReponseId): string {
  return id === "" ? "sans réponse" : (grille.reponses.find((r) => r.id === id)?.libelle ?? id);
}

/** One row per criterion, then the conclusion; formula-like text is neutralised for spreadsheets. */
export function toCsv(e: Evaluation, grille: Grille): string {
  const c = canonical(e, grille);
  const criteres = new Map(grille.criteres.map((x) => [x.id, x]));
  const projet = `${c.projet.nom}${c.projet.porteur ? ` (${c.projet.porteur})` : ""}`;
  const rows: Record<string, unknown>[] = c.reponses.map((r) => ({
    projet,
    date: c.projet.date,
    critere: r.critere,
    libelle: criteres.get(r.critere)!.libelle,
    question: criteres.get(r.critere)!.question,
    reponse: reponseLabel(grille, r.reponse),
    preuves: r.preuves
  }));
  rows.push({projet, date: c.projet.date, critere: "conclusion", libelle: "Conclusion motivée de l'évaluateur", question: "", reponse: "", preuves: c.conclusion});
  return formatCsv(["projet", "date", "critere", "libelle", "question", "reponse", "preuves"], rows, "excel-fr", {formulaSafe: true});
}

export interface ImportMessage {
  level: "erreur" | "avertissement";
  message: string;
}

export type ImportResult = {ok: true; evaluation: Evaluation; messages: ImportMessage[]} | {ok: false; messages: ImportMessage[]};

const HTML = /<\s*\/?\s*[a-z!][^>]*>/i;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads an exported assessment back. Refused, with a French sentence naming the file and what
 * was expected: unreadable JSON, another schema or version, an unknown or repeated criterion, an
 * answer outside the grid's list, a non-text field, an over-long text. Accepted with a warning:
 * HTML in free text (kept verbatim, shown as text), criteria missing from the file (left blank).
 */
export function parseEvaluation(text: string, grille: Grille, file = "fichier"): ImportResult {
  const errors: ImportMessage[] = [];
  const warnings: ImportMessage[] = [];
  const error = (message: string) => errors.push({level: "erreur", message: `${file} : ${message}`});
  const warn = (message: string) => warnings.push({level: "avertissement", message: `${file} : ${message}`});
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return {ok: false, messages: [{level: "erreur", message: `${file} : ce n'est pas un fichier JSON lisible (${(e as Error).message}). Attendu : une évaluation exportée par cette page (bouton « Exporter en JSON »).`}]};
  }
  if (!isObject(raw)) return {ok: false, messages: [{level: "erreur", message: `${file} : attendu un objet JSON d'évaluation, lu ${Array.isArray(raw) ? "une liste" : typeof raw}.`}]};
  if (raw.schema !== SCHEMA) return {ok: false, messages: [{level: "erreur", message: `${file} : ce fichier n'est pas une évaluation de la grille (champ « schema » lu : ${JSON.stringify(raw.schema ?? null)} ; attendu : "${SCHEMA}"). Rien n'a été importé.`}]};
  if (raw.version !== SCHEMA_VERSION) return {ok: false, messages: [{level: "erreur", message: `${file} : évaluation au format version ${JSON.stringify(raw.version ?? null)} ; cette page lit la version ${SCHEMA_VERSION}. Rien n'a été importé.`}]};
  if (raw.grille_version !== grille.version) error(`évaluation faite avec la grille version ${JSON.stringify(raw.grille_version ?? null)} ; la grille en ligne est la version ${grille.version}. Rien n'a été importé.`);

  const textField = (value: unknown, label: string): string => {
    if (value === undefined || value === null) return "";
    if (typeof value !== "string") {
      error(`${label} : attendu du texte, lu ${JSON.stringify(value)}.`);
      return "";
    }
    if (value.length > MAX_TEXT) error(`${label} : ${value.length} caractères, au-delà de la limite de ${MAX_TEXT}.`);
    if (HTML.test(value)) warn(`${label} contient des balises HTML (${value.match(HTML)![0].slice(0, 40)}) : le texte est conservé tel quel et affiché comme du texte, jamais interprété.`);
    return value;
  };

  const projetRaw = isObject(raw.projet) ? raw.projet : {};
  if (raw.projet !== undefined && !isObject(raw.projet)) error(`« projet » : attendu un objet (nom, porteur, date, évaluateur).`);
  const projet = {
    nom: textField(projetRaw.nom, "nom du projet"),
    porteur: textField(projetRaw.porteur, "porteur du projet"),
    date: textField(projetRaw.date, "date de l'évaluation"),
    evaluateur: textField(projetRaw.evaluateur, "évaluateur")
  };
  if (projet.date !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(projet.date)) error(`date de l'évaluation « ${projet.date} » : attendu une date AAAA-MM-JJ.`);

  const criteres = new Map(grille.criteres.map((c) => [c.id, c]));
  const answers = new Map(grille.reponses.map((r) => [r.id, r]));
  const seen = new Map<string, Reponse>();
  if (!Array.isArray(raw.reponses)) error(`« reponses » : attendu une liste de réponses (une par critère).`);
  else
    raw.reponses.forEach((r: unknown, i) => {
      const where = `réponse n° ${i + 1}`;
      if (!isObject(r) || typeof r.critere !== "string") return void error(`${where} : attendu un objet avec un champ « critere ».`);
      const critere = criteres.get(r.critere);
      if (!critere) return void error(`${where} : critère inconnu « ${r.critere} » ; la grille version ${grille.version} ne le contient pas. Rien n'a été importé.`);
      if (seen.has(critere.id)) return void error(`${where} : le critère « ${critere.id} » est déjà renseigné plus haut.`);
      const reponse = r.reponse ?? "";
      if (reponse !== "" && (typeof reponse !== "string" || !answers.has(reponse))) {
        return void error(`${where} (« ${critere.libelle} ») : réponse ${JSON.stringify(reponse)} ; attendu ${grille.reponses.map((a) => `« ${a.id} »`).join(", ")} ou vide.`);
      }
      seen.set(critere.id, {critere: critere.id, reponse: reponse as ReponseId, preuves: textField(r.preuves, `preuves du critère « ${critere.libelle} »`)});
    });
  const missing = grille.criteres.filter((c) => !seen.has(c.id));
  if (Array.isArray(raw.reponses) && missing.length) warn(`${missing.length} critère(s) absent(s) du fichier, laissé(s) sans réponse : ${missing.map((c) => c.libelle).join(" ; ")}.`);
  const conclusion = textField(raw.conclusion, "conclusion");
  if (errors.length) return {ok: false, messages: [...errors, ...warnings]};
  const evaluation = canonical({schema: SCHEMA, version: SCHEMA_VERSION, grille_version: grille.version, projet, reponses: [...seen.values()], conclusion}, grille);
  return {ok: true, evaluation, messages: warnings};
}

/**
 * The reasoned result: for the law, whether one of the sufficient characteristics is established
 * with evidence; for the CSESS, which markers are present, partly present, absent or unknown. A
 * "yes" without evidence is said to be asserted, not established. No number is added up.
 */
export function reasonedResult(e: Evaluation, grille: Grille): {loi: string; csess: string[]; manquants: string[]} {
  const c = canonical(e, grille);
  const byId = new Map(c.reponses.map((r) => [r.critere, r]));
  const established = (r: Reponse | undefined) => r?.reponse === "oui" && r.preuves.trim() !== "";
  const sufficient = grille.criteres.filter((x) => x.suffit);
  const met = sufficient.filter((x) => established(byId.get(x.id)));
  const asserted = sufficient.filter((x) => byId.get(x.id)?.reponse === "oui" && !established(byId.get(x.id)));
  const partly = sufficient.filter((x) => byId.get(x.id)?.reponse === "en_partie");
  let loi: string;
  if (met.length) loi = `Au sens de l'article 15, I de la loi ESS, le projet relève de l'innovation sociale : caractéristique${met.length > 1 ? "s" : ""} établie${met.length > 1 ? "s" : ""} avec preuves — ${met.map((x) => x.libelle).join(" ; ")}.`;
  else if (asserted.length) loi = `Article 15, I : ${asserted.map((x) => x.libelle).join(" ; ")} — affirmé sans preuve. Le rattachement à l'innovation sociale au sens de la loi n'est pas établi tant que les preuves manquent.`;
  else if (partly.length) loi = `Article 15, I : ${partly.map((x) => x.libelle).join(" ; ")} — en partie seulement. À instruire : la loi demande l'une des caractéristiques 1° ou 2°.`;
  else if (sufficient.every((x) => byId.get(x.id)?.reponse === "non")) loi = "Article 15, I : aucune des caractéristiques 1° ou 2° n'est présente selon l'évaluation. Le projet ne relève pas de l'innovation sociale au sens de la loi.";
  else loi = "Article 15, I : les caractéristiques 1° et 2° ne sont pas encore évaluées.";
  const groups: [ReponseId, string][] = [["oui", "présents"], ["en_partie", "en partie"], ["non", "absents"], ["ne_sait_pas", "à vérifier"], ["", "sans réponse"]];
  const csessCriteres = grille.criteres.filter((x) => x.groupe === "csess");
  const csess = groups
    .map(([id, label]) => [label, csessCriteres.filter((x) => (byId.get(x.id)?.reponse ?? "") === id)] as const)
    .filter(([, list]) => list.length)
    .map(([label, list]) => `Repères du CSESS ${label} : ${list.map((x) => x.libelle + (byId.get(x.id)?.reponse === "oui" && !established(byId.get(x.id)) ? " (sans preuve)" : "")).join(" ; ")}.`);
  const manquants = grille.criteres.filter((x) => byId.get(x.id)?.reponse === "oui" && !established(byId.get(x.id))).map((x) => x.libelle);
  return {loi, csess, manquants};
}
