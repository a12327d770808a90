// Grid tags on aid (proposition 1 meets proposition 2): an aid record may carry the criteria of the
// identification grid it meets, each with a stated reason and the source passage that supports it
// (data/aides/criteres.csv, joined by `cle` like the companion table). An aid with no tag is "non
// évaluée" — never assumed to meet or miss a criterion. Pure.
import type {Grille} from "./grille.js";

/** `critere` is a grid criterion id, or AUCUN: assessed, and meets none of the criteria. */
export const AUCUN = "aucun";

export interface AidTag {
  line: number;
  cle: string;
  critere: string;
  raison: string;
  source_passage: string;
}

export const TAG_COLUMNS = ["cle", "critere", "raison", "source_passage"] as const;

/** Problems of the tag table, one French sentence each naming the line, the column and the value. */
export function checkTags(tags: AidTag[], {cles, grille, file}: {cles: Set<string>; grille: Grille; file: string}): string[] {
  const criteres = new Map(grille.criteres.map((c) => [c.id, c]));
  const problems: string[] = [];
  const seen = new Set<string>();
  const byCle = new Map<string, Set<string>>();
  for (const t of tags) {
    const at = `${file}, ligne ${t.line}`;
    if (!cles.has(t.cle)) problems.push(`${at}, colonne cle : « ${t.cle} » n'est la clé d'aucune aide (attendu une clé de data/aides/complements.csv).`);
    if (t.critere !== AUCUN && !criteres.has(t.critere)) problems.push(`${at}, colonne critere : « ${t.critere} » n'est pas un critère de la grille version ${grille.version} (attendu ${[...criteres.keys(), AUCUN].join(", ")}).`);
    if (t.raison.trim() === "") problems.push(`${at}, colonne raison : vide ; un critère ne s'attribue qu'avec une raison tirée de la source.`);
    if (t.source_passage.trim() === "") problems.push(`${at}, colonne source_passage : vide ; attendu le passage de la source qui justifie le critère.`);
    const key = `${t.cle}\u0000${t.critere}`;
    if (seen.has(key)) problems.push(`${at} : le critère « ${t.critere} » est déjà attribué à l'aide ${t.cle}.`);
    seen.add(key);
    const set = byCle.get(t.cle) ?? new Set<string>();
    set.add(t.critere);
    byCle.set(t.cle, set);
  }
  for (const [cle, set] of byCle) if (set.has(AUCUN) && set.size > 1) problems.push(`${file} : l'aide ${cle} est marquée « ${AUCUN} » et porte aussi des critères.`);
  return problems;
}

export interface CriterionAmounts {
  rows: {critere: string; libelle: string; groupe: string; montant: number; aides: number}[];
  /** Aids assessed and found to meet none of the criteria. */
  aucun: {montant: number; aides: number};
  evalue: {montant: number; aides: number};
  nonEvalue: {montant: number; aides: number};
  total: number;
}

/**
 * Amounts by criterion for one funder's aids. An aid meeting several criteria counts under each,
 * so the rows are not to be added up; assessed + not assessed = total.
 */
export function amountsByCriterion(aides: {cle: string; montant: number; nombre_aides: number}[], tags: AidTag[], grille: Grille): CriterionAmounts {
  const byCle = new Map<string, Set<string>>();
  for (const t of tags) byCle.set(t.cle, (byCle.get(t.cle) ?? new Set()).add(t.critere));
  const rows = grille.criteres.map((c) => ({critere: c.id, libelle: c.libelle, groupe: c.groupe, montant: 0, aides: 0}));
  const row = new Map(rows.map((r) => [r.critere, r]));
  const aucun = {montant: 0, aides: 0};
  const evalue = {montant: 0, aides: 0};
  const nonEvalue = {montant: 0, aides: 0};
  let total = 0;
  for (const a of aides) {
    total += a.montant;
    const set = byCle.get(a.cle);
    const bucket = set ? evalue : nonEvalue;
    bucket.montant += a.montant;
    bucket.aides += a.nombre_aides;
    if (!set) continue;
    for (const critere of set) {
      const target = critere === AUCUN ? aucun : row.get(critere);
      if (!target) continue;
      target.montant += a.montant;
      target.aides += a.nombre_aides;
    }
  }
  return {rows, aucun, evalue, nonEvalue, total};
}
