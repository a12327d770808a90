// One aid record for every funder (Région, État, Ville de Paris, any SCDL file), aligned on the
// SCDL field names (in snake_case) where SCDL has the field; every descriptive field is nullable.
// Adapters (aides-adapters.ts) map each source's records to this shape; the common rules below
// decide which records are loaded and which go to `rejets`, with their reasons. Pure and
// synchronous: it runs in the build (node) and on an imported file (browser).
//
// Funders are never summed: a record carries its funder, and every total is per funder.
import {parseFrenchNumber} from "../lib/values.js";
import {isValidSiret} from "./scdl.js";

export interface Financeur {
  code: string;
  libelle: string;
  /** The funder's SIREN, where a source states it: rows of an SCDL file are given to a funder by it. */
  siren?: string;
  /** A threshold below which the source holds no record (Ville de Paris: 40,000 €). */
  seuil?: number;
  /** What must be written next to every figure of this funder ("subventions ≥ 40 000 €"). */
  mention?: string;
  /** What one record is, singular and plural ("poste", "postes"). */
  unite?: [string, string];
  /** What the funder's nom_service_instructeur holds ("Direction de la Ville…"). */
  service?: string;
  /** Years the source covers only in part, with why. */
  partielles?: Record<string, string>;
}

/** The harmonised fields. SCDL name in brackets. */
export interface AideChamps {
  /** The record's own identifier in its source (Ville de Paris file number, post id, SCDL key…). */
  id_source: string | null;
  /** Funder code (financeurs.json); its label in libelle_financeur. */
  financeur: string;
  libelle_financeur: string;
  nom_attribuant: string | null; // [nomAttribuant]
  id_attribuant: string | null; // [idAttribuant] SIRET
  nom_beneficiaire: string | null; // [nomBeneficiaire]
  id_beneficiaire: string | null; // [idBeneficiaire] SIRET, as the source writes it
  rna_beneficiaire: string | null; // [rnaBeneficiaire]
  objet: string | null; // [objet]
  montant: number | null; // [montant] euros
  nature: string | null; // [nature], or the source's own "nature" vocabulary (Ville de Paris: Fonctionnement…)
  date_convention: string | null; // [dateConvention] AAAA-MM-JJ, only where the source gives a day
  annee: number | null; // budget or decision year
  dispositif_aide: string | null; // [dispositifAide]
  /** The funder's own department or programme (draft SCDL 2024: nomServiceInstructeur). */
  nom_service_instructeur: string | null;
  /** A theme, where the source or its carrier gives one (derived: see champs_derives). */
  thematique: string | null;
  /** Aids the record stands for (more than 1 when a source gives only a total). */
  nombre_aides: number;
  adresse_siege: string | null;
  code_postal_siege: string | null;
  commune_siege: string | null;
  /** Arrondissement of Paris (1–20) of the beneficiary's registered seat, not of the action. */
  arrondissement_siege: number | null;
  latitude: number | null;
  longitude: number | null;
  code_departement: string | null;
  code_contrat: string | null;
}

export interface Provenance {
  /** Registry id of the source (data/sources.json). */
  source: string;
  fichier: string;
  /** 1-based line of the record in its file (JSON: the line where the record opens). */
  ligne: number;
  licence: string;
  /** Which fields were not written by the funder, and by whom (null: all are the funder's). */
  champs_derives: string | null;
}

export interface ProblemeAide {
  /** The source's own column name, for the staff who fix the file. */
  colonne: string;
  valeur: string;
  raison: string;
}

export interface Regles {
  /** "obligatoire": a record without a valid SIRET is rejected; "facultatif": checked when present. */
  siret: "obligatoire" | "facultatif";
  /** Years the source covers (a record outside them is rejected); null: no declared year. */
  annees: [number, number] | null;
  /** When two sources give the same funder and year, the higher priority replaces the lower. */
  priorite: number;
  /** The source's column for each harmonised field checked by the rules. */
  colonnes: {id_source: string; nom_beneficiaire: string; id_beneficiaire: string; montant: string; annee: string};
}

/** A record as an adapter read it, before the common rules. */
export interface AideBrute extends Omit<AideChamps, "montant">, Provenance {
  /** The amount as read (a JSON number, a CSV cell, null); the rules type it. */
  montant_lu: unknown;
  regles: Regles;
  /** Problems the adapter already found (an unreadable year, an id out of format, a line the SCDL validator rejected…). */
  problemes: ProblemeAide[];
  /** The adapter could not read the record (a line the CSV reader or the SCDL validator set aside):
   * its problems say why, and the common rules, which need the record's values, add nothing. */
  illisible?: true;
}

export interface Aide extends AideChamps, Provenance {
  /** `<source>:<id_source>`, unique across the warehouse. */
  id_aide: string;
}

export interface AideRejetee extends AideChamps, Provenance {
  id_aide: string;
  problemes: ProblemeAide[];
}

// ---------------------------------------------------------------------------------------------

const ABSENT = new Set(["", "none", "null", "nan", "n/a", "-"]);
const SHOWN = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));

/** The SIRET rule, shared by every adapter (the SCDL validator's own rule: 14 digits and a valid key). */
export function siretProblem(value: string | null, rule: Regles["siret"]): string | null {
  const text = (value ?? "").trim();
  if (ABSENT.has(text.toLowerCase())) return rule === "obligatoire" ? "SIRET du bénéficiaire absent : un SIRET de 14 chiffres est attendu" : null;
  if (!/^\d{14}$/.test(text)) return `SIRET mal formé : 14 chiffres attendus (${text.replace(/\D/g, "").length} chiffres lus)`;
  if (!isValidSiret(text)) return "SIRET invalide : la clé de contrôle (Luhn) est fausse";
  return null;
}

/** A strictly positive amount in euros, from a JSON number or a French/English number text. */
export function readMontant(value: unknown): {montant: number} | {raison: string} {
  const n = typeof value === "number" ? value : typeof value === "string" ? parseFrenchNumber(value) : undefined;
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return {raison: "montant absent : un montant en euros est attendu"};
  if (n === undefined || !Number.isFinite(n)) return {raison: "montant non numérique : un nombre en euros est attendu (ex. 1500 ou 1 500,50)"};
  if (n <= 0) return {raison: "montant négatif ou nul : un montant en euros strictement positif est attendu"};
  return {montant: n};
}

/** Problems of one record under the common rules (the duplicate and priority rules need all records). */
function recordProblems(b: AideBrute): {montant: number | null; problemes: ProblemeAide[]} {
  const problemes = [...b.problemes];
  if (b.illisible) return {montant: null, problemes};
  const c = b.regles.colonnes;
  const has = (colonne: string) => problemes.some((p) => p.colonne === colonne);
  if ((b.id_source ?? "").trim() === "" && !has(c.id_source)) problemes.push({colonne: c.id_source, valeur: SHOWN(b.id_source), raison: "identifiant absent : la ligne ne peut être ni identifiée ni dédoublonnée"});
  if ((b.nom_beneficiaire ?? "").trim() === "" && !has(c.nom_beneficiaire)) problemes.push({colonne: c.nom_beneficiaire, valeur: SHOWN(b.nom_beneficiaire), raison: "bénéficiaire non nommé"});
  const siret = has(c.id_beneficiaire) ? null : siretProblem(b.id_beneficiaire, b.regles.siret);
  if (siret) problemes.push({colonne: c.id_beneficiaire, valeur: SHOWN(b.id_beneficiaire), raison: siret});
  let montant: number | null = null;
  if (!has(c.montant)) {
    const m = readMontant(b.montant_lu);
    if ("raison" in m) problemes.push({colonne: c.montant, valeur: SHOWN(b.montant_lu), raison: m.raison});
    else montant = m.montant;
  }
  if (!has(c.annee)) {
    const [from, to] = b.regles.annees ?? [-Infinity, Infinity];
    if (b.annee === null) problemes.push({colonne: c.annee, valeur: "", raison: "année absente"});
    else if (b.annee < from || b.annee > to) {
      problemes.push({colonne: c.annee, valeur: String(b.annee), raison: from === to ? `année ${b.annee} hors de l'année du fichier (${from})` : `année ${b.annee} hors des années de la source (${from} à ${to})`});
    }
  }
  return {montant, problemes};
}

function withoutRules(b: AideBrute, montant: number | null): AideChamps & Provenance {
  const {montant_lu: _m, regles: _r, problemes: _p, illisible: _i, ...rest} = b;
  return {...rest, montant};
}

/**
 * Applies the common rules to every record of every source. A record is rejected, with all its
 * reasons, when it has no identifier, no named beneficiary, a SIRET missing (where the source
 * should give one), malformed or with a wrong key, an amount absent, non-numeric, negative or
 * zero, a year absent or outside its source's years; or when an earlier valid record of the same
 * source has the same identifier; or when its funder and year come from a source of higher
 * priority (an SCDL file replaces a report's transcription for that year). Nothing else is dropped:
 * aides.length + rejets.length = brutes.length.
 */
export function screenAides(brutes: AideBrute[]): {aides: Aide[]; rejets: AideRejetee[]} {
  const checked = brutes.map((b) => ({b, ...recordProblems(b)}));
  // Duplicates: within a source, the first record that passes the other rules keeps the id.
  const firstLine = new Map<string, number>();
  for (const r of checked) {
    if (r.problemes.length) continue;
    const key = `${r.b.source}\u0000${r.b.id_source}`;
    const first = firstLine.get(key);
    if (first === undefined) firstLine.set(key, r.b.ligne);
    else r.problemes.push({colonne: r.b.regles.colonnes.id_source, valeur: r.b.id_source!, raison: `identifiant déjà présent ligne ${first} du même fichier : un seul enregistrement par identifiant`});
  }
  // Priority: a funder's year comes from its highest-priority source(s) only.
  const best = new Map<string, {priorite: number; sources: Set<string>}>();
  for (const r of checked) {
    if (r.problemes.length) continue;
    const key = `${r.b.financeur}\u0000${r.b.annee}`;
    const current = best.get(key);
    if (!current || r.b.regles.priorite > current.priorite) best.set(key, {priorite: r.b.regles.priorite, sources: new Set([r.b.source])});
    else if (r.b.regles.priorite === current.priorite) current.sources.add(r.b.source);
  }
  const aides: Aide[] = [];
  const rejets: AideRejetee[] = [];
  for (const r of checked) {
    if (!r.problemes.length) {
      const top = best.get(`${r.b.financeur}\u0000${r.b.annee}`)!;
      if (!top.sources.has(r.b.source)) {
        r.problemes.push({colonne: r.b.regles.colonnes.annee, valeur: String(r.b.annee), raison: `${r.b.libelle_financeur}, ${r.b.annee} : année couverte par une source plus complète (${[...top.sources].join(", ")}), qui la remplace`});
      }
    }
    const record = withoutRules(r.b, r.montant);
    if (r.problemes.length) rejets.push({...record, id_aide: `${r.b.source}:ligne-${r.b.ligne}`, problemes: r.problemes});
    else aides.push({...record, id_aide: `${r.b.source}:${r.b.id_source}`});
  }
  return {aides, rejets};
}

/** The funder of an SCDL row: the known funder with the attribuant's SIREN, else the attribuant itself. */
export function financeurOf(idAttribuant: string | null, nomAttribuant: string | null, financeurs: Financeur[]): Financeur {
  const siren = idAttribuant && /^\d{14}$/.test(idAttribuant) ? idAttribuant.slice(0, 9) : null;
  const known = siren ? financeurs.find((f) => f.siren === siren) : undefined;
  if (known) return known;
  return {code: siren ? `siren-${siren}` : `attribuant-${(nomAttribuant ?? "inconnu").trim()}`, libelle: (nomAttribuant ?? "Attribuant non nommé").trim()};
}
