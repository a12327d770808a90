// Co-funded beneficiaries (mart_cofinancements: one row per SIRET, funder and year) turned into
// one line per legal unit (SIREN) with each funder's years and amount side by side. Amounts are
// never added across funders: each funder keeps its own column.
import * as aq from "../lib/arquero.js";

const {op} = aq;

export interface LigneCofinancement {
  siren: string;
  siret: string;
  niveau_jointure: "SIRET" | "SIREN";
  financeur: string;
  libelle_financeur: string;
  annee: number;
  nom_beneficiaire: string;
  montant: number;
  nombre_aides: number;
}

export interface Cote {
  financeur: string;
  libelle: string;
  annees: number[];
  montant: number;
  aides: number;
  sirets: string[];
}

export interface Cofinance {
  siren: string;
  /** The names as each funder writes them, distinct, sorted. */
  noms: string[];
  /** SIRET when one establishment is in two funders' data; SIREN when only the legal unit is. */
  niveau: "SIRET" | "SIREN";
  cotes: Cote[];
  /** Years in which every funder of the line funded it (the amounts cover all their years). */
  anneesCommunes: number[];
}

/** Spellings that differ only in case or spacing are one name. */
const nameKey = (name: string) => name.replace(/\s+/g, " ").trim().toLocaleUpperCase("fr");

/** "2020–2023", "2019, 2021–2022": consecutive years as ranges. */
export function anneesLabel(annees: number[]): string {
  const sorted = [...new Set(annees)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j;
  }
  return parts.join(", ");
}

export function cofinances(rows: LigneCofinancement[]): Cofinance[] {
  if (rows.length === 0) return [];
  const sides = aq
    .from(rows)
    .groupby("siren", "financeur", "libelle_financeur")
    .rollup({annees: op.array_agg_distinct("annee"), montant: op.sum("montant"), aides: op.sum("nombre_aides"), sirets: op.array_agg_distinct("siret")})
    .orderby("siren", "financeur")
    .objects() as {siren: string; financeur: string; libelle_financeur: string; annees: number[]; montant: number; aides: number; sirets: string[]}[];
  const heads = aq
    .from(rows)
    .derive({siretLevel: aq.escape((d: LigneCofinancement) => (d.niveau_jointure === "SIRET" ? 1 : 0))})
    .groupby("siren")
    .rollup({noms: op.array_agg_distinct("nom_beneficiaire"), siretLevel: op.max("siretLevel")})
    .orderby("siren")
    .objects() as {siren: string; noms: string[]; siretLevel: number}[];
  const bySiren = new Map<string, Cote[]>();
  for (const s of sides) {
    const cote = {financeur: s.financeur, libelle: s.libelle_financeur, annees: [...s.annees].sort((a, b) => a - b), montant: s.montant, aides: s.aides, sirets: [...s.sirets].sort()};
    bySiren.set(s.siren, [...(bySiren.get(s.siren) ?? []), cote]);
  }
  return heads.map((h) => {
    const cotes = bySiren.get(h.siren)!;
    const names = new Map<string, string>();
    for (const n of [...h.noms].sort((a, b) => a.localeCompare(b, "fr"))) if (!names.has(nameKey(n))) names.set(nameKey(n), n.replace(/\s+/g, " ").trim());
    const anneesCommunes = cotes[0].annees.filter((y) => cotes.every((c) => c.annees.includes(y)));
    return {siren: h.siren, noms: [...names.values()], niveau: h.siretLevel > 0 ? "SIRET" : "SIREN", cotes, anneesCommunes};
  });
}

/** How many co-funded legal units, and how many of them share an establishment (SIRET) across funders. */
export function compteCofinances(list: Cofinance[]): {unites: number; parSiret: number; parSirenSeulement: number} {
  const parSiret = list.filter((c) => c.niveau === "SIRET").length;
  return {unites: list.length, parSiret, parSirenSeulement: list.length - parSiret};
}
