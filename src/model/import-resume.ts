// The bilan of imported SCDL rows, built row by row (a million rows never sit in memory at once):
// per funder — the attribuant, recognised by its SIREN, never added to another —, its total and
// count, by year, by nature and by dispositif, the distribution of amounts and the top beneficiaries.
// Amounts are summed in whole cents, so that the totals are exact (0.10 + 0.20 = 0.30).
// Hand-written accumulation rather than arquero: rows arrive in chunks and must not be kept.
import {financeurOf, type Financeur} from "./aides.js";
import {BORNES} from "./bilan-financeurs.js";
import type {ScdlValue} from "./scdl.js";

interface Compte {
  cents: number;
  aides: number;
}

const add = (map: Map<string, Compte>, key: string, cents: number) => {
  const c = map.get(key);
  if (c) {
    c.cents += cents;
    c.aides++;
  } else map.set(key, {cents, aides: 1});
};

interface Accumulateur {
  financeur: Financeur;
  total: Compte;
  parAnnee: Map<string, Compte>;
  parNature: Map<string, Compte>;
  parDispositif: Map<string, Compte>;
  classes: number[];
  classesCents: number[];
  beneficiaires: Map<string, Compte & {nom: string; id: string | null}>;
  incomplets: Compte;
  manquants: Map<string, number>;
}

export interface LigneResume {
  cle: string;
  montant: number;
  aides: number;
}

export interface ResumeFinanceur {
  code: string;
  libelle: string;
  montant: number;
  aides: number;
  beneficiaires: number;
  parAnnee: LigneResume[];
  parNature: LigneResume[];
  parDispositif: LigneResume[];
  distribution: {min: number; max: number; aides: number; montant: number}[];
  beneficiairesPrincipaux: {nom: string; id: string | null; montant: number; aides: number}[];
  /** Incomplete records (loaded, counted apart), and how many lack each field. */
  incomplets: {montant: number; aides: number; manquants: [string, number][]};
}

const NON_RENSEIGNE = "non renseigné";
const text = (v: ScdlValue | undefined) => (typeof v === "string" && v !== "" ? v : null);
const lignes = (map: Map<string, Compte>, order: "montant" | "cle" = "montant"): LigneResume[] =>
  [...map]
    .map(([cle, c]) => ({cle, montant: c.cents / 100, aides: c.aides}))
    .sort((a, b) => (order === "cle" ? a.cle.localeCompare(b.cle) : b.montant - a.montant || a.cle.localeCompare(b.cle, "fr")));

/** The fields of a valid row the bilan reads: what a validation worker sends, column by column. */
export interface ChampsResume {
  idAttribuant: string | null;
  nomAttribuant: string | null;
  /** AAAA, from dateConvention. */
  annee: string | null;
  nature: string | null;
  dispositif: string | null;
  /** SIRET, else RNA number. */
  idBeneficiaire: string | null;
  nomBeneficiaire: string | null;
  montant: number;
  /** An incomplete record's unknown fields, comma-separated (counted apart, never guessed); null when complete. */
  manquants?: string | null;
}

export function champsResume(values: Record<string, ScdlValue>): ChampsResume {
  return {
    idAttribuant: text(values.idAttribuant),
    nomAttribuant: text(values.nomAttribuant),
    annee: text(values.dateConvention)?.slice(0, 4) ?? null,
    nature: text(values.nature),
    dispositif: text(values.dispositifAide),
    idBeneficiaire: text(values.idBeneficiaire) ?? text(values.rnaBeneficiaire),
    nomBeneficiaire: text(values.nomBeneficiaire),
    montant: values.montant as number,
    manquants: null
  };
}

export class ResumeImport {
  private readonly parFinanceur = new Map<string, Accumulateur>();
  lignes = 0;

  constructor(private readonly financeurs: Financeur[] = []) {}

  /** Adds one valid row (typed SCDL values: montant a number, dates AAAA-MM-JJ). */
  ajouter(values: Record<string, ScdlValue>): void {
    this.ajouterChamps(champsResume(values));
  }

  /** Adds one valid row given by the fields the bilan reads (see champsResume). */
  ajouterChamps(c: ChampsResume): void {
    const key = c.idAttribuant && /^\d{14}$/.test(c.idAttribuant) ? c.idAttribuant.slice(0, 9) : `nom:${c.nomAttribuant ?? ""}`;
    let acc = this.parFinanceur.get(key);
    if (!acc) {
      acc = {
        financeur: financeurOf(c.idAttribuant, c.nomAttribuant, this.financeurs),
        total: {cents: 0, aides: 0},
        parAnnee: new Map(),
        parNature: new Map(),
        parDispositif: new Map(),
        classes: BORNES.slice(0, -1).map(() => 0),
        classesCents: BORNES.slice(0, -1).map(() => 0),
        beneficiaires: new Map(),
        incomplets: {cents: 0, aides: 0},
        manquants: new Map()
      };
      this.parFinanceur.set(key, acc);
    }
    const cents = Math.round(c.montant * 100);
    acc.total.cents += cents;
    acc.total.aides++;
    if (c.manquants) {
      acc.incomplets.cents += cents;
      acc.incomplets.aides++;
      for (const field of c.manquants.split(",")) acc.manquants.set(field, (acc.manquants.get(field) ?? 0) + 1);
    }
    add(acc.parAnnee, c.annee ?? NON_RENSEIGNE, cents);
    add(acc.parNature, c.nature ?? NON_RENSEIGNE, cents);
    add(acc.parDispositif, c.dispositif ?? NON_RENSEIGNE, cents);
    let k = 0;
    while (k < BORNES.length - 2 && c.montant >= BORNES[k + 1]) k++;
    acc.classes[k]++;
    acc.classesCents[k] += cents;
    // One beneficiary per SIRET, else per RNA number, else per name as written.
    const nom = c.nomBeneficiaire ?? "(non nommé)";
    const bKey = c.idBeneficiaire ?? `nom:${nom}`;
    const b = acc.beneficiaires.get(bKey);
    if (b) {
      b.cents += cents;
      b.aides++;
    } else acc.beneficiaires.set(bKey, {cents, aides: 1, nom, id: c.idBeneficiaire});
    this.lignes++;
  }

  /** The funders, largest amount first; each with its own figures. */
  resultat({top = 10}: {top?: number} = {}): ResumeFinanceur[] {
    return [...this.parFinanceur.values()]
      .map((a) => ({
        code: a.financeur.code,
        libelle: a.financeur.libelle,
        montant: a.total.cents / 100,
        aides: a.total.aides,
        beneficiaires: a.beneficiaires.size,
        parAnnee: lignes(a.parAnnee, "cle"),
        parNature: lignes(a.parNature),
        parDispositif: lignes(a.parDispositif).slice(0, 20),
        distribution: a.classes.map((n, i) => ({min: BORNES[i], max: BORNES[i + 1], aides: n, montant: a.classesCents[i] / 100})),
        beneficiairesPrincipaux: [...a.beneficiaires.values()]
          .sort((x, y) => y.cents - x.cents || x.nom.localeCompare(y.nom, "fr"))
          .slice(0, top)
          .map((x) => ({nom: x.nom, id: x.id, montant: x.cents / 100, aides: x.aides})),
        incomplets: {montant: a.incomplets.cents / 100, aides: a.incomplets.aides, manquants: [...a.manquants].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))}
      }))
      .sort((x, y) => y.montant - x.montant || x.libelle.localeCompare(y.libelle, "fr"));
  }
}
