// The "dialects" of grant files as collectivités publish them, mapped onto the SCDL "subventions"
// 2.1.1 fields — the documented mapping, shown to the person importing as "colonne du fichier →
// champ SCDL" before the report, and listed on the Méthode page.
//
// A column is recognised, in this order:
// 1. by the standard's exact name (nomAttribuant);
// 2. by that name written otherwise: case, accents, spaces, underscores, hyphens, apostrophes and
//    the small words of French titles are ignored ("Nom de l'attribuant", "DATES_PERIODE_VERSEMENT",
//    "IdRAE" all give the key of the field's name or of its title in the schema);
// 3. by the older draft's names (COLL_NOM, ATTRIB_SIRET, SUB_MONTANT…) or a common descriptive
//    French header ("Montant total de la subvention"), from the ALIASES table below.
// Nothing is mapped by guess: a header that could name several fields ("SIRET", "Nom", "Date"), or
// several columns that would give the same field, is a question on screen (`questions`), and the
// column is not read until it is answered (`choices`). A column that maps to nothing is kept as it
// is and flagged; the columns of the older draft that have no SCDL field say why.
//
// The older draft (as found in Poitiers 2017 and Nièvre 2016, data pack, indicators/SOURCES.md,
// "Additions (2026-11-29)"): its own specification was not found; each name is mapped by its plain
// meaning, the choices that need one carry a note. ACTE_DATE → dateConvention follows the standard's
// own history: Etalab's format (github.com/etalab/format-subventions) first named the date of the
// attribution act `dateDecision`, then renamed it `dateConvention`.
import type {Problem} from "../lib/problems.js";
import {GROUP_SEPARATOR} from "../lib/xlsx.js";
import type {HeaderMapping} from "./validation/engine.js";
import type {TableSchema} from "./validation/schema.js";

export type AliasKind = "brouillon" | "descriptif";

export interface Alias {
  header: string;
  field: string;
  kind: AliasKind;
  /** For a field the draft splits in two columns: which end of the payment period. */
  part?: "début" | "fin";
  note?: string;
}

/** Older draft names and descriptive French headers, with the SCDL 2.1.1 field each one gives. The
 * schema's own field titles ("Nom de l'attribuant"…) are recognised too, read from the schema. */
export const ALIASES: readonly Alias[] = [
  {header: "COLL_NOM", field: "nomAttribuant", kind: "brouillon"},
  {header: "COLL_SIRET", field: "idAttribuant", kind: "brouillon"},
  {header: "ACTE_DATE", field: "dateConvention", kind: "brouillon", note: "date de l'acte d'attribution : le format d'Etalab l'a nommée dateDecision puis dateConvention"},
  {header: "ACTE_REF", field: "referenceDecision", kind: "brouillon"},
  {header: "ATTRIB_NOM", field: "nomBeneficiaire", kind: "brouillon"},
  {header: "ATTRIB_SIRET", field: "idBeneficiaire", kind: "brouillon"},
  {header: "SUB_OBJ", field: "objet", kind: "brouillon"},
  {header: "SUB_OBJET", field: "objet", kind: "brouillon"},
  {header: "SUB_MONTANT", field: "montant", kind: "brouillon"},
  {header: "SUB_NATURE", field: "nature", kind: "brouillon"},
  {header: "SUB_VERSEMENT", field: "conditionsVersement", kind: "brouillon"},
  {header: "SUB_DATE_DEBUT", field: "datesPeriodeVersement", kind: "brouillon", part: "début", note: "début de la période de versement, réuni avec SUB_DATE_FIN en AAAA-MM-JJ/AAAA-MM-JJ"},
  {header: "SUB_DATE_FIN", field: "datesPeriodeVersement", kind: "brouillon", part: "fin", note: "fin de la période de versement, réunie avec SUB_DATE_DEBUT en AAAA-MM-JJ/AAAA-MM-JJ"},
  {header: "NOTIF_EU", field: "notificationUE", kind: "brouillon"},
  {header: "Attribuant", field: "nomAttribuant", kind: "descriptif"},
  {header: "Nom de la collectivité", field: "nomAttribuant", kind: "descriptif"},
  {header: "SIRET de l'attribuant", field: "idAttribuant", kind: "descriptif"},
  {header: "Date de la convention", field: "dateConvention", kind: "descriptif"},
  {header: "Date de convention", field: "dateConvention", kind: "descriptif"},
  {header: "Référence de la délibération", field: "referenceDecision", kind: "descriptif"},
  {header: "Bénéficiaire", field: "nomBeneficiaire", kind: "descriptif"},
  {header: "Raison sociale du bénéficiaire", field: "nomBeneficiaire", kind: "descriptif"},
  {header: "SIRET du bénéficiaire", field: "idBeneficiaire", kind: "descriptif"},
  {header: "RNA du bénéficiaire", field: "rnaBeneficiaire", kind: "descriptif"},
  {header: "Numéro RNA", field: "rnaBeneficiaire", kind: "descriptif"},
  {header: "Objet de la subvention", field: "objet", kind: "descriptif"},
  {header: "Montant de la subvention", field: "montant", kind: "descriptif"},
  {header: "Montant attribué", field: "montant", kind: "descriptif"},
  {header: "Montant accordé", field: "montant", kind: "descriptif"},
  {header: "Nature de l'aide", field: "nature", kind: "descriptif"},
  {header: "Modalités de versement", field: "conditionsVersement", kind: "descriptif"},
  {header: "Dates de versement", field: "datesPeriodeVersement", kind: "descriptif"},
  {header: "Période de versement", field: "datesPeriodeVersement", kind: "descriptif"},
  {header: "Identifiant RAE", field: "idRAE", kind: "descriptif"},
  {header: "Numéro RAE", field: "idRAE", kind: "descriptif"},
  {header: "Notification à la Commission européenne", field: "notificationUE", kind: "descriptif"},
  {header: "Pourcentage de la subvention", field: "pourcentageSubvention", kind: "descriptif"},
  {header: "Pourcentage", field: "pourcentageSubvention", kind: "descriptif"},
  {header: "Identifiant du dispositif d'aide", field: "dispositifAide", kind: "descriptif"}
];

/** Columns of the older draft that have no SCDL 2.1.1 field: kept as they are, with the reason. */
export const WITHOUT_FIELD: readonly {header: string; why: string}[] = [
  {header: "ANNEE", why: "l'exercice (la date de convention le donne)"},
  {header: "COLL_TYPE", why: "le type de collectivité (COM, DEP…)"},
  {header: "ATTRIB_TYPE", why: "le type de bénéficiaire"},
  {header: "SUB_DISPOSITIF", why: "le dispositif en texte, quand dispositifAide attend un identifiant du schéma des dispositifs d'aide"},
  {header: "ID_ENT", why: "sens non documenté dans l'ancien brouillon"}
];

/** Headers that could name several fields: always a question. */
export const AMBIGUOUS: readonly {header: string; fields: string[]}[] = [
  {header: "SIRET", fields: ["idAttribuant", "idBeneficiaire"]},
  {header: "Identifiant", fields: ["idAttribuant", "idBeneficiaire"]},
  {header: "Nom", fields: ["nomAttribuant", "nomBeneficiaire"]},
  {header: "Date", fields: ["dateConvention", "datesPeriodeVersement"]}
];

// Small words of French titles, ignored when comparing headers ("Nom du bénéficiaire" = nomBeneficiaire).
const SMALL_WORDS = new Set(["de", "du", "des", "d", "la", "le", "les", "l", "a", "au", "aux"]);

/** A header's key: no case, accents, blanks, underscores, punctuation, nor small French words. */
export function headerKey(text: string): string {
  const words = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
  return words.filter((w) => !SMALL_WORDS.has(w)).join("");
}

export type How = "exact" | "variante" | "titre" | AliasKind | "choix" | "sans-champ" | "inconnue" | "ambiguë" | "doublon";

/** One column of the file and what it gives. */
export interface ColumnMapping {
  index: number;
  column: string;
  /** Column letter in a workbook. */
  letter?: string;
  field: string | null;
  part?: "début" | "fin";
  how: How;
  note?: string;
}

/** A question the person importing answers on screen; the answer goes into `choices`. */
export interface Question {
  /** The column asked about (several when several columns would give the same field). */
  columns: string[];
  /** The fields it could be (one when several columns compete for it). */
  fields: string[];
  /** The question, in French. */
  text: string;
}

/** Answers: a column's field, or "" for "not an SCDL field". */
export type Choices = Readonly<Record<string, string>>;

export interface Dialect {
  columns: ColumnMapping[];
  questions: Question[];
  /** "SCDL 2.1.1", "ancien brouillon", …: what the header looks like, in French. */
  label: string;
  /** The engine's view: field sources, extra columns, the header's warnings. */
  mapping: HeaderMapping;
  /** The payment period given as two columns (older draft): their indexes. */
  period?: {start?: number; end?: number};
}

const HOW_LABEL: Record<How, string> = {
  exact: "nom du standard",
  variante: "nom du standard écrit autrement",
  titre: "titre du champ dans le standard",
  brouillon: "ancien brouillon",
  descriptif: "intitulé descriptif",
  choix: "votre réponse",
  "sans-champ": "sans champ SCDL",
  inconnue: "hors du standard",
  ambiguë: "à préciser",
  doublon: "champ déjà donné par une autre colonne"
};

export function howLabel(how: How): string {
  return HOW_LABEL[how];
}

interface Match {
  fields: string[];
  how: How;
  part?: "début" | "fin";
  note?: string;
}

interface Dictionary {
  names: Set<string>;
  byKey: Map<string, Match>;
}

const dictionaries = new WeakMap<TableSchema, Dictionary>();

/** Every recognised header key of a schema, once per schema. */
function dictionary(schema: TableSchema): Dictionary {
  let d = dictionaries.get(schema);
  if (d) return d;
  const byKey = new Map<string, Match>();
  const add = (header: string, match: Match) => {
    const key = headerKey(header);
    if (key !== "" && !byKey.has(key)) byKey.set(key, match);
  };
  for (const f of schema.fields) add(f.name, {fields: [f.name], how: "variante"});
  for (const f of schema.fields) if (f.title) add(f.title, {fields: [f.name], how: "titre"});
  for (const a of ALIASES) if (schema.fields.some((f) => f.name === a.field)) add(a.header, {fields: [a.field], how: a.kind, part: a.part, note: a.note});
  for (const a of AMBIGUOUS) add(a.header, {fields: a.fields, how: "ambiguë"});
  for (const w of WITHOUT_FIELD) add(w.header, {fields: [], how: "sans-champ", note: w.why});
  dictionaries.set(schema, (d = {names: new Set(schema.fields.map((f) => f.name)), byKey}));
  return d;
}

function matchOne(name: string, d: Dictionary): Match | undefined {
  if (d.names.has(name)) return {fields: [name], how: "exact"};
  return d.byKey.get(headerKey(name));
}

/** What a header cell names: for a workbook's "Group › Name", the group and name together first
 * ("Bénéficiaire › Nom" is nomBeneficiaire), then the name alone. */
function match(name: string, d: Dictionary): Match | undefined {
  if (!name.includes(GROUP_SEPARATOR)) return matchOne(name, d);
  const parts = name.split(GROUP_SEPARATOR);
  const last = parts[parts.length - 1];
  for (const tried of [parts.join(" "), [...parts].reverse().join(" "), `${last} ${parts[parts.length - 2]}`]) {
    const m = matchOne(tried, d);
    if (m && m.fields.length === 1) return {...m, note: [`lu avec son titre de groupe « ${parts.slice(0, -1).join(" › ")} »`, m.note].filter(Boolean).join(" ; ")};
  }
  return matchOne(last, d);
}

/** How many cells of a row name an SCDL field (or a known column of the older draft): the
 * workbook reader takes the best-scoring row of the first rows as the header. */
export function headerScore(schema: TableSchema): (cells: readonly string[]) => number {
  const d = dictionary(schema);
  return (cells) => cells.filter((c) => c !== "" && match(c, d) !== undefined).length;
}

const quote = (s: string) => `« ${s} »`;

/** Maps a header onto the schema's fields (see the top of this file). */
export function recognise(header: readonly string[], schema: TableSchema, {file, line = 1, letters, choices = {}}: {file: string; line?: number; letters?: readonly string[]; choices?: Choices}): Dialect {
  const d = dictionary(schema);
  const columns: ColumnMapping[] = header.map((column, index) => {
    const base = {index, column, ...(letters ? {letter: letters[index]} : {})};
    if (column === "") return {...base, field: null, how: "inconnue"};
    if (Object.hasOwn(choices, column)) {
      const field = choices[column];
      return {...base, field: d.names.has(field) ? field : null, how: "choix"};
    }
    const m = match(column, d);
    if (!m) return {...base, field: null, how: "inconnue"};
    if (m.how === "ambiguë") return {...base, field: null, how: "ambiguë", note: m.fields.join(" ou ")};
    return {...base, field: m.fields[0] ?? null, how: m.how, ...(m.part ? {part: m.part} : {}), ...(m.note ? {note: m.note} : {})};
  });

  const questions: Question[] = [];
  for (const c of columns) {
    if (c.how === "ambiguë") {
      const fields = c.note!.split(" ou ");
      questions.push({columns: [c.column], fields, text: `La colonne ${quote(c.column)} est-elle ${fields.map(quote).join(" ou ")} ?`});
    }
  }
  // Several columns for one field (the two ends of a period apart): the exact name wins; else ask.
  const claims = new Map<string, ColumnMapping[]>();
  for (const c of columns) if (c.field) claims.set(`${c.field}|${c.part ?? ""}`, [...(claims.get(`${c.field}|${c.part ?? ""}`) ?? []), c]);
  for (const [key, list] of claims) {
    if (list.length < 2) continue;
    const field = key.split("|")[0];
    const chosen = list.filter((c) => c.how === "choix");
    const exact = list.filter((c) => c.how === "exact");
    const winner = chosen.length === 1 ? chosen[0] : chosen.length === 0 && exact.length === 1 ? exact[0] : undefined;
    for (const c of list) {
      if (c === winner) continue;
      if (winner) Object.assign(c, {field: null, how: "doublon", note: `${field} est lu dans la colonne ${quote(winner.column)}`});
      else Object.assign(c, {field: null, how: "ambiguë", note: field});
    }
    if (!winner) questions.push({columns: list.map((c) => c.column), fields: [field], text: `Quelle colonne donne le champ ${quote(field)} : ${list.map((c) => quote(c.column)).join(" ou ")} ?`});
  }

  // The engine's mapping: sources per field (a period from two columns), extras, warnings.
  const problems: Problem[] = [];
  const warn = (c: ColumnMapping, code: Problem["code"], expected: string) => problems.push({file, line, column: c.column, value: c.column, expected, code, severity: "warning"});
  let period: Dialect["period"];
  const sources = schema.fields.map((f) => {
    const mine = columns.filter((c) => c.field === f.name);
    if (mine.length === 0) return null;
    if (mine.some((c) => c.part)) {
      const start = mine.find((c) => c.part === "début");
      const end = mine.find((c) => c.part === "fin");
      period = {...(start ? {start: start.index} : {}), ...(end ? {end: end.index} : {})};
      const parts = [start, end].filter((c) => c !== undefined);
      return {indexes: parts.map((c) => c.index), column: parts.map((c) => c.column).join(" + ")};
    }
    return {indexes: [mine[0].index], column: mine[0].column};
  });
  for (const c of columns) {
    if (c.column === "") continue;
    if (c.field && c.how !== "exact") warn(c, "mapped-column", `le nom du standard ${quote(c.field)} : la colonne ${quote(c.column)} est lue comme ${c.field}${c.part ? ` (${c.part} de la période)` : ""} (${HOW_LABEL[c.how]}${c.note ? ` ; ${c.note}` : ""})`);
    else if (c.how === "ambiguë") warn(c, "ambiguous-column", `une colonne au sens certain : ${quote(c.column)} peut donner ${c.note!.split(" ou ").map(quote).join(" ou ")} ; la question est posée au-dessus du rapport, la colonne n'est pas lue en attendant la réponse`);
    else if (!c.field) warn(c, "unknown-column", `une colonne du schéma SCDL (${HOW_LABEL[c.how]}${c.note ? ` : ${c.note}` : ""} ; conservée, non contrôlée)`);
  }
  const extras = columns.filter((c) => c.field === null && c.column !== "").map((c) => ({name: c.column, index: c.index}));
  const kinds = new Set(columns.map((c) => c.how));
  const label = kinds.has("brouillon")
    ? "ancien brouillon du standard (noms COLL_, ATTRIB_, SUB_…)"
    : kinds.has("descriptif") || kinds.has("titre")
      ? "intitulés descriptifs en français"
      : kinds.has("variante")
        ? "noms du SCDL écrits autrement (casse, accents, espaces)"
        : "noms du SCDL";
  return {columns, questions, label, mapping: {sources, extras, problems}, ...(period ? {period} : {})};
}
