// The Bilan by funder and by year, over the harmonised aid records: a funder's series, and for
// one year its total, count, distribution of amounts, breakdowns (nature, the funder's own
// department or programme, theme where the source has one, dispositif), top beneficiaries and
// change on the previous year. Every function takes ONE funder: funders are never summed.
// Grouping uses arquero (columnar group-by and roll-up) rather than hand-written loops.
import * as aq from "../lib/arquero.js";
import type {ColumnTable} from "../lib/arquero.js";
import {formatDecimal, formatInteger} from "../lib/format.js";

const {op} = aq;

/** The columns of an aid record this module reads (a subset of the harmonised table). */
export interface LigneBilan {
  financeur: string;
  annee: number;
  montant: number;
  nombre_aides: number;
  nature: string | null;
  nom_service_instructeur: string | null;
  thematique: string | null;
  dispositif_aide: string | null;
  nom_beneficiaire: string | null;
  id_beneficiaire: string | null;
  code_departement?: string | null;
}

export const NON_RENSEIGNE = "non renseigné";

export interface PointSerie {
  annee: number;
  montant: number;
  aides: number;
  /** Change of the amount on the previous year; null when there is no previous year, or when
   * either year is partial (the comparison would mislead). */
  evolution: number | null;
  partielle: boolean;
}

export interface Repartition {
  cle: string;
  montant: number;
  aides: number;
  part: number;
}

export interface Classe {
  libelle: string;
  min: number;
  max: number;
  /** null below the funder's publication threshold: those aids are not in the source (never 0). */
  aides: number | null;
  montant: number | null;
}

export interface BilanAnnee {
  financeur: string;
  annee: number;
  montant: number;
  aides: number;
  /** Named beneficiaries (by SIRET, else by name). */
  beneficiaires: number;
  /** Aids whose source names no beneficiary (a report's "3 projets non nommés"). */
  aidesSansBeneficiaire: number;
  /** Lines that stand for several aids with only their total known: no class of individual amount. */
  groupees: {aides: number; montant: number};
  evolution: number | null;
  precedent: number | null;
  partielle: boolean;
  distribution: Classe[];
  parNature: Repartition[];
  parService: Repartition[];
  /** Empty when the funder's source has no theme. */
  parThematique: Repartition[];
  parDispositif: Repartition[];
  /** Empty when the source gives no département (only the State's posts do). */
  parDepartement: Repartition[];
  beneficiairesPrincipaux: {nom: string; siret: string | null; montant: number; aides: number; part: number}[];
}

/** Class edges of the amount distribution (€), wide enough for a 7,000 € post and a 10 M€ grant. */
export const BORNES = [0, 5_000, 10_000, 20_000, 40_000, 100_000, 250_000, 1_000_000, 5_000_000, Infinity];

export function tableAides(rows: LigneBilan[] | ColumnTable): ColumnTable {
  return Array.isArray(rows) ? aq.from(rows) : rows;
}

/** The page's aid records, from the Arrow IPC bytes of src/data/aides-bilan.arrow. */
export function tableAidesDepuisArrow(bytes: ArrayBuffer | Uint8Array): ColumnTable {
  return aq.fromArrowBytes(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
}

const ofFunder = (t: ColumnTable, financeur: string) => t.params({financeur}).filter((d: LigneBilan, $: {financeur: string}) => d.financeur === $.financeur);

/** A funder's amount and count per year, with the change on the previous year. */
export function serie(aides: ColumnTable, financeur: string, {partielles = []}: {partielles?: number[]} = {}): PointSerie[] {
  const years = ofFunder(aides, financeur)
    .groupby("annee")
    .rollup({montant: op.sum("montant"), aides: op.sum("nombre_aides")})
    .orderby("annee")
    .objects() as {annee: number; montant: number; aides: number}[];
  return years.map((y, i) => {
    const previous = years[i - 1];
    const partielle = partielles.includes(y.annee);
    const comparable = previous !== undefined && previous.annee === y.annee - 1 && !partielle && !partielles.includes(previous.annee) && previous.montant > 0;
    return {...y, partielle, evolution: comparable ? y.montant / previous.montant - 1 : null};
  });
}

function repartition(year: ColumnTable, field: keyof LigneBilan, total: number): Repartition[] {
  return (year
    .derive({cle: aq.escape((d: LigneBilan) => (d[field] === null || d[field] === undefined || d[field] === "" ? NON_RENSEIGNE : String(d[field])))})
    .groupby("cle")
    .rollup({montant: op.sum("montant"), aides: op.sum("nombre_aides")})
    .orderby(aq.desc("montant"), "cle")
    .objects() as {cle: string; montant: number; aides: number}[]).map((r) => ({...r, part: total > 0 ? r.montant / total : 0}));
}

const short = (x: number) => (x >= 1e6 ? `${formatDecimal(x / 1e6, x % 1e6 ? 1 : 0)} M€` : `${formatInteger(x / 1e3)} k€`);
const classLabel = (min: number, max: number) => (min === 0 ? `moins de ${short(max)}` : max === Infinity ? `${short(min)} ou plus` : `${short(min)} à ${short(max)}`);

/** The bilan of one funder's year. `seuil`: amounts under it are not published by the source. */
export function bilanAnnee(aides: ColumnTable, financeur: string, annee: number, {seuil = 0, partielles = [], top = 10}: {seuil?: number; partielles?: number[]; top?: number} = {}): BilanAnnee {
  const year = ofFunder(aides, financeur).params({annee}).filter((d: LigneBilan, $: {annee: number}) => d.annee === $.annee);
  const totals = year.rollup({montant: op.sum("montant"), aides: op.sum("nombre_aides")}).object() as {montant: number | undefined; aides: number | undefined};
  const montant = totals.montant ?? 0;
  const points = serie(aides, financeur, {partielles});
  const point = points.find((p) => p.annee === annee);
  const previous = points.find((p) => p.annee === annee - 1);

  // Distribution: one class per pair of edges; a class below the threshold is "not published". A
  // line standing for several aids (only their total known) has no individual amount: kept apart.
  const single = year.filter((d: LigneBilan) => d.nombre_aides === 1);
  const grouped = year.filter((d: LigneBilan) => d.nombre_aides !== 1).rollup({aides: op.sum("nombre_aides"), montant: op.sum("montant")}).object() as {aides?: number; montant?: number};
  const counts = new Map(
    (single
      .derive({classe: aq.escape((d: LigneBilan) => BORNES.findIndex((b, i) => d.montant >= b && d.montant < BORNES[i + 1]))})
      .groupby("classe")
      .rollup({aides: op.sum("nombre_aides"), montant: op.sum("montant")})
      .objects() as {classe: number; aides: number; montant: number}[]).map((c) => [c.classe, c])
  );
  const distribution = BORNES.slice(0, -1).map((min, i) => {
    const max = BORNES[i + 1];
    const hidden = max <= seuil;
    return {libelle: classLabel(min, max), min, max, aides: hidden ? null : counts.get(i)?.aides ?? 0, montant: hidden ? null : counts.get(i)?.montant ?? 0};
  });

  // Beneficiaries: one per SIRET where there is one, else per name as the source writes it; a
  // line whose source names no beneficiary (null, or "(… non nommés)") is no beneficiary.
  const unnamed = (d: LigneBilan) => d.nom_beneficiaire === null || d.nom_beneficiaire.startsWith("(");
  const sansNom = year.filter(aq.escape(unnamed)).rollup({aides: op.sum("nombre_aides")}).object() as {aides?: number};
  const beneficiaires = year
    .filter(aq.escape((d: LigneBilan) => !unnamed(d)))
    .derive({cle: aq.escape((d: LigneBilan) => d.id_beneficiaire ?? `nom:${d.nom_beneficiaire ?? ""}`)})
    .groupby("cle")
    .rollup({nom: op.min("nom_beneficiaire"), siret: op.min("id_beneficiaire"), montant: op.sum("montant"), aides: op.sum("nombre_aides")})
    .orderby(aq.desc("montant"), "nom");
  const has = (field: keyof LigneBilan) => year.numRows() > 0 && year.columnNames().includes(field) && year.array(field).some((v: unknown) => v !== null && v !== undefined);
  return {
    financeur,
    annee,
    montant,
    aides: totals.aides ?? 0,
    beneficiaires: beneficiaires.numRows(),
    aidesSansBeneficiaire: sansNom.aides ?? 0,
    groupees: {aides: grouped.aides ?? 0, montant: grouped.montant ?? 0},
    evolution: point?.evolution ?? null,
    precedent: previous?.montant ?? null,
    partielle: point?.partielle ?? partielles.includes(annee),
    distribution,
    parNature: repartition(year, "nature", montant),
    parService: repartition(year, "nom_service_instructeur", montant),
    parThematique: has("thematique") ? repartition(year, "thematique", montant) : [],
    parDispositif: repartition(year, "dispositif_aide", montant),
    parDepartement: has("code_departement") ? repartition(year, "code_departement", montant) : [],
    beneficiairesPrincipaux: (beneficiaires.slice(0, top).objects() as {nom: string | null; siret: string | null; montant: number; aides: number}[]).map((b) => ({
      nom: b.nom ?? "(non nommé)",
      siret: b.siret ?? null,
      montant: b.montant,
      aides: b.aides,
      part: montant > 0 ? b.montant / montant : 0
    }))
  };
}

/** The funders present in the records and their years, in the order given. */
export function financeursEtAnnees(aides: ColumnTable): Map<string, number[]> {
  const pairs = aides.groupby("financeur", "annee").count().orderby("financeur", "annee").objects() as {financeur: string; annee: number}[];
  const out = new Map<string, number[]>();
  for (const p of pairs) out.set(p.financeur, [...(out.get(p.financeur) ?? []), p.annee]);
  return out;
}
