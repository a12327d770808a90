// The annual report's logic, pure: what a request for a year and funders means (or the one sentence
// saying why it cannot be served), and the first page's words — each funder's key figures and three
// plain-French sentences computed from the data; the sources and method of its appendix. The
// figures themselves come from the Bilan's model (bilan-financeurs.ts: bilanAnnee, serie,
// financeursEtAnnees), never recomputed here. Funders are never summed: every clause names its funder.
import {formatEuro, formatInteger, formatPercent, plural} from "../lib/format.js";
import type {Financeur} from "./aides.js";
import type {BilanAnnee} from "./bilan-financeurs.js";

/** A funder as the report names it: data/aides/financeurs.json's entries. */
export type FinanceurRapport = Financeur;

/** One funder's year, as the report reads it: the part of the Bilan's per-funder year (bilanAnnee) it uses. */
export type ResumeFinanceur = Pick<BilanAnnee, "financeur" | "annee" | "montant" | "aides" | "beneficiaires" | "aidesSansBeneficiaire" | "evolution" | "precedent" | "partielle"> & {
  /** Largest first; `part` is the share of the funder's amount of the year. */
  beneficiairesPrincipaux: {nom: string; montant: number; part: number}[];
};

export type Demande = {ok: true; annee: number; financeurs: string[]} | {ok: false; message: string};

/** "2019", "2020 à 2023", "2013 à 2018, 2020": runs of consecutive years. */
export function periodes(years: number[]): string {
  const runs: [number, number][] = [];
  for (const y of [...years].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && y === last[1] + 1) last[1] = y;
    else runs.push([y, y]);
  }
  return runs.map(([a, b]) => (a === b ? String(a) : `${a} à ${b}`)).join(", ");
}

const libelleDe = (code: string, catalogue: FinanceurRapport[]) => catalogue.find((f) => f.code === code)?.libelle ?? code;

/** What the data covers, for a message: "Région Île-de-France (2019), État (…) (2020 à 2023)". */
export function couverture(disponibles: Map<string, number[]>, catalogue: FinanceurRapport[]): string {
  // In the catalogue's order (then any other funder): the data's own order is the codes' alphabet.
  const rang = (code: string) => {
    const i = catalogue.findIndex((f) => f.code === code);
    return i === -1 ? catalogue.length : i;
  };
  return [...disponibles].sort(([a], [b]) => rang(a) - rang(b)).map(([code, years]) => `${libelleDe(code, catalogue)} (${periodes(years)})`).join(", ");
}

/**
 * Reads a report request: a year (text, as typed) and funders (codes separated by commas, or
 * nothing for every funder with data that year). The answer is the year and the funders to print,
 * in the catalogue's order, or one French sentence saying what is wrong and what the data holds.
 */
export function lireDemande({annee, financeurs}: {annee: string | null; financeurs: string | null}, disponibles: Map<string, number[]>, catalogue: FinanceurRapport[]): Demande {
  const known = [...catalogue.map((f) => f.code), ...[...disponibles.keys()].filter((c) => !catalogue.some((f) => f.code === c))];
  const listeConnus = known.map((c) => `${c} (${libelleDe(c, catalogue)})`).join(", ");
  if (annee === null || !/^\d{4}$/.test(annee.trim())) {
    return {ok: false, message: `Année ${annee === null || annee === "" ? "manquante" : `« ${annee} » invalide`} : indiquez une année sur quatre chiffres ; les données d'aide couvrent ${couverture(disponibles, catalogue)}.`};
  }
  const year = Number(annee.trim());
  const asked = financeurs === null || financeurs.trim() === "" ? null : [...new Set(financeurs.split(",").map((s) => s.trim()).filter(Boolean))];
  const unknown = (asked ?? []).filter((c) => !known.includes(c));
  if (unknown.length) {
    return {ok: false, message: `Financeur${unknown.length > 1 ? "s" : ""} inconnu${unknown.length > 1 ? "s" : ""} : ${unknown.map((c) => `« ${c} »`).join(", ")} ; financeurs connus : ${listeConnus}.`};
  }
  const withData = known.filter((c) => disponibles.get(c)?.includes(year));
  if (asked === null) {
    if (withData.length === 0) return {ok: false, message: `Aucune aide enregistrée pour ${year} : les données d'aide couvrent ${couverture(disponibles, catalogue)}.`};
    return {ok: true, annee: year, financeurs: withData};
  }
  const missing = asked.filter((c) => !withData.includes(c));
  if (missing.length) {
    const what = missing.map((c) => `${libelleDe(c, catalogue)} (${disponibles.has(c) ? `années disponibles : ${periodes(disponibles.get(c)!)}` : "aucune année"})`).join(", ");
    return {ok: false, message: `Pas de données pour ${year} de ${what}.`};
  }
  return {ok: true, annee: year, financeurs: known.filter((c) => asked.includes(c))};
}

/** "la Région Île-de-France", "l'État (…)", "la Ville de Paris"; an unknown kind of funder keeps its name bare. */
export function avecArticle(libelle: string): string {
  if (/^(Région|Ville|Commune|Métropole|Collectivité|Préfecture)\b/.test(libelle)) return `la ${libelle}`;
  if (/^(Département|Conseil)\b/.test(libelle)) return `le ${libelle}`;
  if (/^(État|Établissement|Agence|Union|Eurométropole)\b/.test(libelle)) return `l'${libelle}`;
  return libelle;
}

/** "11 aides", "1 poste", "919 subventions ≥ 40 000 €": the count in the funder's unit, with its threshold. */
export function compteUnite(f: FinanceurRapport, n: number): string {
  const [one, many] = f.unite ?? ["aide", "aides"];
  const counted = plural(n, one, many);
  // The mention already names the unit ("subventions ≥ 40 000 €"): write the count then the mention.
  return f.mention ? `${formatInteger(n)} ${f.mention}` : counted;
}

/** The change on the previous year, in words, for a key-figure card. */
export function evolutionTexte(r: Pick<ResumeFinanceur, "annee" | "evolution" | "precedent" | "partielle">): string {
  if (r.partielle) return `${r.annee} est une année partielle : pas d'évolution calculée`;
  if (r.evolution !== null) return `${r.evolution >= 0 ? "+" : "−"}${formatPercent(Math.abs(r.evolution))} par rapport à ${r.annee - 1} (${formatEuro(r.precedent)})`;
  if (r.precedent === null) return `pas de données pour ${r.annee - 1} : pas d'évolution calculable`;
  return `pas d'évolution calculable (${r.annee - 1} partielle ou nulle)`;
}

const joinClauses = (clauses: string[]) => (clauses.length <= 1 ? clauses.join("") : `${clauses.slice(0, -1).join(" ; ")} ; ${clauses.at(-1)}`);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const listeNoms = (noms: string[]) => (noms.length <= 1 ? noms.join("") : `${noms.slice(0, -1).join(", ")} et ${noms.at(-1)}`);

/**
 * The first page's three sentences, computed from the funders' years (in the order given): what each
 * funder gave, how that changed on the previous year, and how concentrated it is on its largest
 * beneficiaries. Each clause names its funder: nothing is summed across funders.
 */
export function phrasesCles(resumes: ResumeFinanceur[], catalogue: FinanceurRapport[]): [string, string, string] {
  if (resumes.length === 0) throw new Error("phrasesCles : aucun financeur");
  const annee = resumes[0].annee;
  const f = (r: ResumeFinanceur) => catalogue.find((c) => c.code === r.financeur) ?? {code: r.financeur, libelle: r.financeur};
  const volume = resumes.map((r) => `${avecArticle(f(r).libelle)} a accordé ${formatEuro(r.montant)} pour ${compteUnite(f(r), r.aides)}`);
  const first = `En ${annee}, ${joinClauses(volume)}${resumes.length > 1 ? " — des montants qui ne s'additionnent pas" : ""}.`;

  const change = resumes.map((r) => {
    const who = avecArticle(f(r).libelle);
    if (r.partielle) return `l'année ${annee} n'est couverte qu'en partie pour ${who} : son évolution n'est pas calculée`;
    if (r.evolution !== null) {
      if (Math.abs(r.evolution) < 0.0005) return `le montant de ${who} est stable par rapport à ${annee - 1}`;
      return `le montant de ${who} ${r.evolution > 0 ? "augmente" : "baisse"} de ${formatPercent(Math.abs(r.evolution))} par rapport à ${annee - 1} (${formatEuro(r.precedent)})`;
    }
    if (r.precedent === null) return `les données n'ont pas d'année ${annee - 1} pour ${who} : aucune évolution n'est calculable`;
    return `l'évolution de ${who} n'est pas calculable (${annee - 1} partielle ou nulle)`;
  });
  const second = `${capitalise(joinClauses(change))}.`;

  const concentration = resumes.map((r) => {
    const who = avecArticle(f(r).libelle);
    const top = r.beneficiairesPrincipaux.slice(0, 3);
    if (top.length === 0) return `les sources de ${who} ne nomment aucun bénéficiaire`;
    const share = formatPercent(top.reduce((s, b) => s + b.part, 0));
    const names = listeNoms(top.map((b) => b.nom));
    const unnamed = r.aidesSansBeneficiaire ? ` (${compteUnite(f(r), r.aidesSansBeneficiaire)} sans bénéficiaire nommé)` : "";
    if (top.length === 1) return `un seul bénéficiaire nommé, ${names}, reçoit ${share} du montant de ${who}${unnamed}`;
    const premiers = r.beneficiaires <= top.length ? `les ${top.length === 2 ? "deux" : "trois"} bénéficiaires nommés` : `les trois premiers des ${formatInteger(r.beneficiaires)} bénéficiaires nommés`;
    return `${premiers}, ${names}, reçoivent ${share} du montant de ${who}${unnamed}`;
  });
  const third = `${capitalise(joinClauses(concentration))}.`;
  return [first, second, third];
}

// ---------------------------------------------------------------------------------------------
// The appendix: which registered sources a funder's section uses, and the method in short.

/** Registry entries a funder's section uses besides its aid sources: the Region's companion table, and the population and contours of its map. */
const SOURCES_COMPLEMENTAIRES: Record<string, string[]> = {
  region_idf: ["aides_complements", "communes_population_2026", "communes_geometrie"]
};

/**
 * The registry ids behind a report: each funder's aid sources for the year (as the build read them,
 * mart_aides_lecture), then the sources its section adds (map, population), each once.
 */
export function idsSourcesRapport(lecture: {source: string; financeur: string; annee: number | null}[], financeurs: string[], annee: number): string[] {
  const ids = financeurs.flatMap((f) => [
    ...lecture.filter((l) => l.financeur === f && l.annee === annee).map((l) => l.source),
    ...(Object.hasOwn(SOURCES_COMPLEMENTAIRES, f) ? SOURCES_COMPLEMENTAIRES[f] : [])
  ]);
  return [...new Set(ids)];
}

/** The registry entries of these ids, in the order of the ids. */
export function sourcesRapport<S extends {id: string}>(ids: string[], sources: S[]): S[] {
  return ids.flatMap((id) => sources.filter((s) => s.id === id));
}

const METHODE_COMMUNE = [
  "Chaque financeur a ses propres totaux : les montants de financeurs différents ne sont jamais additionnés (sources, périmètres et seuils diffèrent).",
  "Les montants sont ceux que publie la source, additionnés au centime. Une ligne qui regroupe plusieurs aides dont seul le total est connu compte pour son nombre d'aides.",
  "L'évolution compare le montant d'une année à celui de l'année précédente du même financeur, quand les deux années sont dans les données et complètes ; sinon le document dit qu'elle n'est pas calculable.",
  "Un bénéficiaire est compté par son SIRET quand la source le donne, sinon sous son nom tel que la source l'écrit ; une aide dont la source ne nomme pas le bénéficiaire est comptée à part, jamais attribuée. Une valeur inconnue reste « non renseigné », jamais répartie ni devinée.",
  "Chaque enregistrement lu est chargé ou écarté avec sa raison (identifiant en double, SIRET invalide, montant absent…) ; les écartés, avec leur raison, sont publiés dans les tables aides_rejetees et rejets de l'atlas (page « Méthode et sources »)."
];

const METHODE_FINANCEUR: Record<string, string> = {
  region_idf: "Région Île-de-France : aides transcrites ligne à ligne du rapport « Oser l'innovation en matière sociale » (2019), chaque ligne avec son passage ; trois projets que le rapport ne nomme pas forment une ligne (total déclaré moins montants nommés). La carte situe une aide au lieu de l'action quand la source le donne (pas au siège du bénéficiaire) ; les euros par habitant rapportent ce montant à la population municipale 2023.",
  etat_politique_ville: "État : postes FONJEP et adultes-relais de la politique de la ville (programme 147), au coût théorique du poste au 31 décembre de chaque année, pourvu ou non ; l'employeur du poste en est le bénéficiaire (par SIRET pour les adultes-relais, par nom pour le FONJEP, dont la source ne donne pas le SIRET) ; le département est celui du contrat de ville.",
  ville_paris: "Ville de Paris : subventions votées de 40 000 € ou plus, une par dossier (fichiers annuels de la Ville, ODbL, © Ville de Paris) ; les subventions plus petites ne sont pas publiées : chaque chiffre porte la mention « subventions ≥ 40 000 € » et la répartition par classe de montant dit « non publiées » sous le seuil. 2025 est une année partielle : aucune évolution n'est calculée. Le thème est dérivé par le projet qui a rassemblé les fichiers (classement par mots-clés), pas par la Ville."
};

/** What a funder's records are, in a few words, for its key-figure card. */
const PERIMETRE: Record<string, string> = {
  region_idf: "aides « Innovation sociale » nommées par le rapport de 2019 (janvier à juillet)",
  etat_politique_ville: "postes FONJEP et adultes-relais, coût théorique au 31 décembre",
  ville_paris: "subventions de 40 000 € ou plus, par année budgétaire"
};

export function perimetre(financeur: string): string {
  return Object.hasOwn(PERIMETRE, financeur) ? PERIMETRE[financeur] : "";
}

/** The method in short, for the funders of a report. */
export function methodeRapport(financeurs: string[]): string[] {
  return [...METHODE_COMMUNE, ...financeurs.filter((f) => Object.hasOwn(METHODE_FINANCEUR, f)).map((f) => METHODE_FINANCEUR[f]), "Ce document est imprimé depuis la page « Bilan annuel des aides » de l'atlas ; la page « Méthode et sources » détaille chaque source, chaque contrôle et chaque ligne écartée."];
}
