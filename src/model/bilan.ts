// The Bilan's arithmetic, pure: totals, breakdowns and euros per inhabitant, with "unknown" kept
// apart (an aid without a known place or structure type is counted as such, never spread).
export interface Aide {
  cle: string;
  annee: number;
  montant: number;
  nombre_aides: number;
  nom_beneficiaire: string;
  financeur: string;
  champ_action: string | null;
  dispositif: string | null;
  type_structure: string | null;
  structure_moins_2_ans: boolean | null;
  code_departement: string | null;
  code_couronne: string | null;
  code_bassin: string | null;
  code_ept: string | null;
  [key: string]: unknown;
}

export const UNKNOWN = "non renseigné";

export interface Totals {
  montant: number;
  aides: number;
  beneficiairesNommes: number;
  lignesSansBeneficiaire: number;
  montantLocalise: number;
  moinsDeDeuxAns: {oui: number; non: number; inconnu: number};
}

/** Rows whose beneficiary the source does not name are written "(… non nommés …)". */
export const isUnnamed = (a: Aide) => a.nom_beneficiaire.startsWith("(");

export function totals(aides: Aide[]): Totals {
  const sum = (list: Aide[]) => list.reduce((s, a) => s + a.montant, 0);
  return {
    montant: sum(aides),
    aides: aides.reduce((s, a) => s + a.nombre_aides, 0),
    beneficiairesNommes: new Set(aides.filter((a) => !isUnnamed(a)).map((a) => a.nom_beneficiaire)).size,
    lignesSansBeneficiaire: aides.filter(isUnnamed).reduce((s, a) => s + a.nombre_aides, 0),
    montantLocalise: sum(aides.filter((a) => a.code_departement !== null)),
    moinsDeDeuxAns: {
      oui: sum(aides.filter((a) => a.structure_moins_2_ans === true)),
      non: sum(aides.filter((a) => a.structure_moins_2_ans === false)),
      inconnu: sum(aides.filter((a) => a.structure_moins_2_ans === null))
    }
  };
}

/** Amount and count by a field, unknown values grouped under UNKNOWN, largest first. */
export function breakdown(aides: Aide[], field: keyof Aide): {cle: string; montant: number; aides: number}[] {
  const groups = new Map<string, {montant: number; aides: number}>();
  for (const a of aides) {
    const key = (a[field] as string | null) ?? UNKNOWN;
    const g = groups.get(key) ?? {montant: 0, aides: 0};
    g.montant += a.montant;
    g.aides += a.nombre_aides;
    groups.set(key, g);
  }
  return [...groups].map(([cle, g]) => ({cle, ...g})).sort((a, b) => b.montant - a.montant);
}

/** Euros per inhabitant by territory of a level; territories with no localised aid get null, not 0. */
export function perInhabitant(aides: Aide[], territories: {code: string; libelle: string; population: number}[], field: keyof Aide): {code: string; libelle: string; montant: number | null; parHabitant: number | null; population: number}[] {
  const amounts = new Map<string, number>();
  for (const a of aides) {
    const code = a[field] as string | null;
    if (code) amounts.set(code, (amounts.get(code) ?? 0) + a.montant);
  }
  return territories.map((t) => {
    const montant = amounts.get(t.code) ?? null;
    return {code: t.code, libelle: t.libelle, population: t.population, montant, parHabitant: montant === null ? null : montant / t.population};
  });
}

/** Year-on-year change, null when the previous year is missing. */
export function change(current: number, previous: number | undefined): number | null {
  return previous === undefined || previous === 0 ? null : current / previous - 1;
}

/** Sum of euro amounts counted in whole cents, so that it is exact however many lines are added
 * (0.10 + 0.20 is 0.30, not 0.30000000000000004). An amount with fractions of a cent counts to the nearest cent. */
export function sumEuros(amounts: Iterable<number>): number {
  let cents = 0;
  for (const a of amounts) cents += Math.round(a * 100);
  return cents / 100;
}

/** An imported grant file's bilan: total and count of its valid rows, and the amount per beneficiary, largest first. */
export function importBilan(rows: readonly {values: Record<string, unknown>}[]): {total: number; count: number; beneficiaries: {nom: string; montant: number}[]} {
  const cents = new Map<string, number>();
  for (const r of rows) {
    const nom = String(r.values.nomBeneficiaire);
    cents.set(nom, (cents.get(nom) ?? 0) + Math.round(Number(r.values.montant) * 100));
  }
  const beneficiaries = [...cents].map(([nom, c]) => ({nom, montant: c / 100})).sort((a, b) => b.montant - a.montant || a.nom.localeCompare(b.nom, "fr"));
  return {total: sumEuros(rows.map((r) => Number(r.values.montant))), count: rows.length, beneficiaries};
}
