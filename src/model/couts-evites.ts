// The avoided-cost calculator (proposition 6 of the 2019 report), pure: the unit-cost registry
// (data/couts-unitaires.json) and its checks, constant-euro conversion with the INSEE consumer
// price index, and outcomes × counts × durations → a RANGE, each step kept as a line of arithmetic.
// Nothing is estimated here: a unit cost comes with its source, its year of euros and its unit.
import {formatDecimal, formatEuroCents, formatEuroRounded} from "../lib/format.js";
import {parseFrenchNumber} from "../lib/values.js";

export const PERIODES = ["an", "mois", "jour", "unique"] as const;
export type Periode = (typeof PERIODES)[number];
export const NATURES = ["cout_evite", "cout_dispositif"] as const;
export const QUALITES = ["texte_officiel", "evaluation_publique", "rapport_parlementaire", "statistique_publique_citee", "plaidoyer"] as const;
export type Qualite = (typeof QUALITES)[number];

export const QUALITE_LABEL: Record<Qualite, string> = {
  texte_officiel: "texte officiel",
  evaluation_publique: "évaluation publique",
  rapport_parlementaire: "rapport parlementaire",
  statistique_publique_citee: "statistique publique citée",
  plaidoyer: "chiffre de plaidoyer"
};

/** How the duration of an outcome is asked for, by the period of the unit cost. */
export const DUREE_LABEL: Record<Periode, string> = {an: "années", mois: "mois", jour: "jours", unique: "—"};

export interface UnitCost {
  id: string;
  libelle: string;
  nature: (typeof NATURES)[number];
  montant: {min: number; max: number; central?: number};
  annee_euros: number;
  annee_euros_note?: string;
  unite: {par: string; periode: Periode; libelle: string};
  couvre: string;
  ne_couvre_pas: string;
  payeurs: string;
  source: {editeur: string; document: string; passage: string; url: string; autres_copies?: string[]};
  qualite: Qualite;
  qualite_note: string;
}

export interface PriceIndex {
  id: string;
  libelle: string;
  editeur: string;
  document: string;
  passage: string;
  url: string;
  note: string;
  valeurs: Record<string, number>;
}

export interface UnitCostRegistry {
  version: number;
  couts: UnitCost[];
  indice_prix: PriceIndex;
  pistes_ecartees: {piste: string; raison: string}[];
}

const isText = (v: unknown) => typeof v === "string" && v.trim() !== "";
const isUrl = (v: unknown) => typeof v === "string" && /^https?:\/\/\S+$/.test(v);
const isAmount = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0;
const isYear = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 1990 && v <= 2100;

/**
 * Every problem of the registry, one French sentence each (empty when it is sound): a unit cost
 * without a source, a year of euros or a unit is an error, never a silent default.
 */
export function checkUnitCostRegistry(raw: unknown): string[] {
  const problems: string[] = [];
  const registry = raw as Partial<UnitCostRegistry> | null;
  if (!registry || typeof registry !== "object" || !Array.isArray(registry.couts)) return ["Le registre des coûts unitaires doit être un objet avec une liste « couts »."];
  const seen = new Set<string>();
  registry.couts.forEach((c: Partial<UnitCost>, i) => {
    const where = `coût n° ${i + 1}${isText(c?.id) ? ` (${c.id})` : ""}`;
    const need = (ok: boolean, what: string) => ok || problems.push(`${where} : ${what}.`);
    need(isText(c?.id) && /^[a-z0-9_]+$/.test(c.id!), "identifiant manquant ou invalide (minuscules, chiffres, _)");
    if (isText(c?.id)) {
      need(!seen.has(c.id!), `identifiant « ${c.id} » en double`);
      seen.add(c.id!);
    }
    need(isText(c?.libelle), "libellé manquant");
    need(NATURES.includes(c?.nature as never), `nature attendue : ${NATURES.join(" ou ")}`);
    need(isAmount(c?.montant?.min) && isAmount(c?.montant?.max) && c!.montant!.min <= c!.montant!.max, "montant manquant (min et max en euros, min ≤ max)");
    if (c?.montant?.central !== undefined) need(isAmount(c.montant.central) && c.montant.central >= c.montant.min && c.montant.central <= c.montant.max, "valeur centrale hors de la fourchette");
    need(isYear(c?.annee_euros), "année des euros manquante");
    need(isText(c?.unite?.par) && isText(c?.unite?.libelle) && PERIODES.includes(c?.unite?.periode as never), `unité manquante (par quoi, période parmi ${PERIODES.join(", ")}, libellé)`);
    need(isText(c?.couvre), "« ce que couvre le montant » manquant");
    need(isText(c?.ne_couvre_pas), "« ce que le montant ne couvre pas » manquant");
    need(isText(c?.payeurs), "payeurs manquants");
    need(isText(c?.source?.editeur) && isText(c?.source?.document) && isText(c?.source?.passage), "source manquante (éditeur, document, passage)");
    need(isUrl(c?.source?.url), "adresse de la source manquante");
    need(QUALITES.includes(c?.qualite as never) && isText(c?.qualite_note), "qualité manquante (catégorie et note)");
  });
  const index = registry.indice_prix;
  if (!index || !isText(index.editeur) || !isText(index.document) || !isUrl(index.url)) problems.push("indice des prix : source manquante (éditeur, document, adresse).");
  else {
    const entries = Object.entries(index.valeurs ?? {});
    if (entries.length === 0) problems.push("indice des prix : aucune valeur.");
    for (const [year, value] of entries) if (!/^\d{4}$/.test(year) || !isAmount(value) || value === 0) problems.push(`indice des prix : valeur invalide pour « ${year} ».`);
  }
  return problems;
}

/** A Map of the index values: lookups are keyed by user choice, so never by plain object key. */
export function indexByYear(index: PriceIndex): Map<number, number> {
  return new Map(Object.entries(index.valeurs).map(([y, v]) => [Number(y), v]));
}

export type Conversion = {ok: true; factor: number; from: number; to: number; indexFrom: number; indexTo: number} | {ok: false; reason: string};

/** Euros of `from` expressed in euros of `to`: × index(to) / index(from). */
export function conversionFactor(from: number, to: number, index: Map<number, number>): Conversion {
  const indexFrom = index.get(from);
  const indexTo = index.get(to);
  if (indexFrom === undefined) return {ok: false, reason: `l'indice des prix de ${from} n'est pas dans la série citée`};
  if (indexTo === undefined) return {ok: false, reason: `l'indice des prix de ${to} n'est pas dans la série citée`};
  return {ok: true, factor: indexTo / indexFrom, from, to, indexFrom, indexTo};
}

export function toConstantEuros(amount: number, from: number, to: number, index: Map<number, number>): {ok: true; value: number} | {ok: false; reason: string} {
  const c = conversionFactor(from, to, index);
  return c.ok ? {ok: true, value: amount * c.factor} : c;
}

/** What a user typed for one expected outcome. */
export interface OutcomeInput {
  coutId: string;
  /** Beneficiaries (people, places, children…), as typed. */
  nombre: string;
  /** Duration in the unit cost's period (years, months, days), as typed; ignored for "unique". */
  duree: string;
  /** Optional wording of the outcome ("personnes logées au lieu d'être hébergées"). */
  resultat?: string;
}

export interface InputProblem {
  ligne: number;
  champ: "cout" | "nombre" | "duree";
  valeur: string;
  message: string;
}

export interface Line {
  ligne: number;
  resultat: string;
  cout: UnitCost;
  nombre: number;
  duree: number;
  /** Unit amounts in the euros of `annee` (after conversion when asked and possible). */
  unitaire: {min: number; max: number};
  annee: number;
  conversion: Conversion | null;
  total: {min: number; max: number};
}

export interface Estimate {
  lines: Line[];
  problems: InputProblem[];
  /** One total per year of euros: euros of different years are never added together. */
  totals: {annee: number; min: number; max: number; lignes: number[]}[];
  /** Years whose amounts could not be converted to the requested year, with the reason. */
  notConverted: {ligne: number; reason: string}[];
}

function readNumber(raw: string, ligne: number, champ: "nombre" | "duree", label: string, expected: string): number | InputProblem {
  const text = raw.trim();
  if (text === "") return {ligne, champ, valeur: raw, message: `Ligne ${ligne} — ${label} : la case est vide ; attendu ${expected}.`};
  const value = parseFrenchNumber(text);
  if (value === undefined) return {ligne, champ, valeur: raw, message: `Ligne ${ligne} — ${label} : « ${text} » n'est pas un nombre ; attendu ${expected}.`};
  if (value < 0) return {ligne, champ, valeur: raw, message: `Ligne ${ligne} — ${label} : « ${text} » est négatif ; attendu ${expected}.`};
  return value;
}

/**
 * Outcomes × counts × durations × unit cost (min and max) → one line each, then totals by year of
 * euros. With `anneeCible`, amounts whose year is in the price index are converted; the others
 * stay in their own euros and are reported in `notConverted`. Bad input is reported per field,
 * in French, and its line is left out of the totals (never guessed).
 */
export function estimate(outcomes: OutcomeInput[], registry: UnitCostRegistry, anneeCible: number | null = null): Estimate {
  const costs = new Map(registry.couts.map((c) => [c.id, c]));
  const index = indexByYear(registry.indice_prix);
  const lines: Line[] = [];
  const problems: InputProblem[] = [];
  const notConverted: {ligne: number; reason: string}[] = [];
  outcomes.forEach((o, i) => {
    const ligne = i + 1;
    const cout = costs.get(o.coutId);
    if (!cout) {
      problems.push({ligne, champ: "cout", valeur: o.coutId, message: `Ligne ${ligne} — coût unitaire : « ${o.coutId} » n'est pas dans le registre ; choisissez un coût de la liste.`});
      return;
    }
    const nombre = readNumber(o.nombre, ligne, "nombre", `nombre (${cout.unite.par})`, "un nombre positif ou nul, par exemple 12");
    const unique = cout.unite.periode === "unique";
    const duree = unique ? 1 : readNumber(o.duree, ligne, "duree", `durée en ${DUREE_LABEL[cout.unite.periode]}`, `une durée positive ou nulle en ${DUREE_LABEL[cout.unite.periode]}, par exemple 1,5`);
    let bad = false;
    for (const v of [nombre, duree]) if (typeof v !== "number") problems.push(v), (bad = true);
    if (bad) return;
    let conversion: Conversion | null = null;
    let factor = 1;
    let annee = cout.annee_euros;
    if (anneeCible !== null && anneeCible !== cout.annee_euros) {
      conversion = conversionFactor(cout.annee_euros, anneeCible, index);
      if (conversion.ok) (factor = conversion.factor), (annee = anneeCible);
      else notConverted.push({ligne, reason: conversion.reason});
    }
    const unitaire = {min: cout.montant.min * factor, max: cout.montant.max * factor};
    const n = nombre as number;
    const d = duree as number;
    lines.push({ligne, resultat: o.resultat?.trim() || cout.libelle, cout, nombre: n, duree: d, unitaire, annee, conversion, total: {min: unitaire.min * n * d, max: unitaire.max * n * d}});
  });
  const byYear = new Map<number, {annee: number; min: number; max: number; lignes: number[]}>();
  for (const l of lines) {
    const t = byYear.get(l.annee) ?? {annee: l.annee, min: 0, max: 0, lignes: []};
    t.min += l.total.min;
    t.max += l.total.max;
    t.lignes.push(l.ligne);
    byYear.set(l.annee, t);
  }
  return {lines, problems, totals: [...byYear.values()].sort((a, b) => a.annee - b.annee), notConverted};
}

// ——— The arithmetic as text, one step per sentence (shown on screen, exported, printed) ———
const range = (min: number, max: number, f: (x: number) => string) => (min === max ? f(min) : `de ${f(min)} à ${f(max)}`);
const quantity = (n: number) => formatDecimal(n, Number.isInteger(n) ? 0 : 2);

export const PERIODE_UNIT: Record<Periode, [string, string]> = {an: ["an", "ans"], mois: ["mois", "mois"], jour: ["jour", "jours"], unique: ["", ""]};

/** The steps of one line: the unit cost, its conversion if any, then × count × duration. */
export function arithmetic(line: Line): string[] {
  const {cout} = line;
  const steps = [`Coût unitaire : ${range(cout.montant.min, cout.montant.max, formatEuroCents)} ${cout.unite.libelle} (euros ${cout.annee_euros}).`];
  if (line.conversion?.ok) {
    const c = line.conversion;
    steps.push(`En euros ${c.to} : × ${formatDecimal(c.indexTo, 2)} / ${formatDecimal(c.indexFrom, 2)} (indice des prix ${c.to} / ${c.from}) = ${range(line.unitaire.min, line.unitaire.max, formatEuroCents)}.`);
  } else if (line.conversion && !line.conversion.ok) {
    steps.push(`Non converti : ${line.conversion.reason} ; le montant reste en euros ${cout.annee_euros}.`);
  }
  const [one, many] = PERIODE_UNIT[cout.unite.periode];
  const duration = cout.unite.periode === "unique" ? "" : ` × ${quantity(line.duree)} ${line.duree > 1 ? many : one}`;
  steps.push(`${range(line.unitaire.min, line.unitaire.max, formatEuroCents)} × ${quantity(line.nombre)} (${cout.unite.par})${duration} = ${range(line.total.min, line.total.max, formatEuroRounded)} (euros ${line.annee}).`);
  return steps;
}
