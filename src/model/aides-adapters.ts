// One adapter per kind of aid source: each reads a file's bytes and maps every record to the
// harmonised shape (aides.ts), saying which fields the funder wrote and which were derived, and
// which rules apply. A registry entry (data/sources.json) names its adapter in `aides.adaptateur`:
// a new file of a known kind (a Region SCDL file, another year of Ville de Paris grants) needs a
// registry entry, never code. Pure: bytes in, records out (node and browser).
import {parseCsv, type CsvTable} from "../lib/csv-parse.js";
import {arrayElementLines} from "../lib/json-lines.js";
import {parseFrenchNumber} from "../lib/values.js";
import {financeurOf, type AideBrute, type AideChamps, type Financeur, type ProblemeAide, type Regles} from "./aides.js";
import {validateScdl, type ScdlSchema} from "./scdl.js";

export class AdapterError extends Error {}

export interface Contexte {
  source: string;
  fichier: string;
  licence: string;
  /** The years the registry declares for the source, if any. */
  annees: [number, number] | null;
  financeurs: Financeur[];
  /** The funder the registry names for the source (not used by SCDL files, whose rows name it). */
  financeur?: string;
  /** The published SCDL schema (read from the data pack), for SCDL files. */
  scdlSchema?: ScdlSchema;
}

export interface Adapte {
  brutes: AideBrute[];
  /** Records in the file, counted apart from the mapping (JSON array length, CSV data lines). */
  enregistrements: number;
  /** Count and total the file declares about itself, per year, when it does (Ville de Paris). */
  declare: {annee: number; nombre: number; montant: number}[];
}

export interface Adaptateur {
  libelle: string;
  /** Formats accepted, for the Méthode page. */
  format: string;
  /** The rules specific to this adapter, in French, for the Méthode page. */
  regles: string[];
  priorite: number;
  lire: (bytes: Uint8Array, contexte: Contexte) => Adapte;
}

/** A funder's published file outranks the project's transcription of a report for the same year. */
const PRIORITE = {transcription: 1, fichier: 2};

const VIDE: Omit<AideChamps, "financeur" | "libelle_financeur" | "montant"> = {
  id_source: null, nom_attribuant: null, id_attribuant: null, nom_beneficiaire: null, id_beneficiaire: null, rna_beneficiaire: null,
  objet: null, nature: null, date_convention: null, annee: null, dispositif_aide: null, nom_service_instructeur: null, thematique: null,
  nombre_aides: 1, adresse_siege: null, code_postal_siege: null, commune_siege: null, arrondissement_siege: null, latitude: null,
  longitude: null, code_departement: null, code_contrat: null
};

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function funder(contexte: Contexte): Financeur {
  const f = contexte.financeurs.find((x) => x.code === contexte.financeur);
  if (!f) throw new AdapterError(`${contexte.fichier} (source « ${contexte.source} ») : financeur « ${contexte.financeur ?? ""} » inconnu ; déclarez-le dans data/aides/financeurs.json.`);
  return f;
}

function csv(bytes: Uint8Array, contexte: Contexte, columns: string[]): CsvTable & {at: (record: string[], name: string) => string} {
  const table = parseCsv(bytes, contexte.fichier);
  const missing = columns.filter((c) => !table.header.includes(c));
  if (missing.length) throw new AdapterError(`${contexte.fichier}, ligne 1 : colonne(s) manquante(s) ${missing.join(", ")} (l'en-tête a ${table.header.join(", ")}).`);
  const index = new Map(table.header.map((h, i) => [h, i]));
  return {...table, at: (record, name) => (record[index.get(name)!] ?? "").trim()};
}

/** Lines the CSV reader set aside (wrong number of fields): rejected records, never lost. */
function unreadLines(table: CsvTable, base: Omit<AideBrute, "ligne" | "problemes">): AideBrute[] {
  return table.problems.map((p) => ({...base, ligne: p.line, illisible: true, problemes: [{colonne: "*", valeur: p.value, raison: `ligne illisible : ${p.expected}`}]}));
}

const year = (text: string): number | null => (/^\d{4}$/.test(text) ? Number(text) : null);

// ---------------------------------------------------------------------------------------------
// Ville de Paris: {year, total, count, data: [{id, annee, beneficiaire, siret, objet, montant,
// direction, nature, thematique, coordinates, adresse, codePostal, commune, arrondissement}]}

const DERIVES_PARIS =
  "thematique, adresse_siege, code_postal_siege, commune_siege, arrondissement_siege, latitude, longitude : projet porteur Nuttux/open-public-data, pas la Ville (adresse du siège, pas du lieu de l'action)";

function lireVilleParis(bytes: Uint8Array, contexte: Contexte): Adapte {
  let text: string;
  let file: {year?: unknown; total?: unknown; count?: unknown; data?: unknown};
  try {
    text = new TextDecoder("utf-8", {fatal: true}).decode(bytes);
    file = JSON.parse(text);
  } catch (error) {
    throw new AdapterError(`${contexte.fichier} : fichier JSON illisible (${(error as Error).message}) ; attendu le fichier de subventions de la Ville de Paris tel que le pack le fournit.`);
  }
  if (typeof file !== "object" || file === null || !Number.isInteger(file.year) || !Array.isArray(file.data)) {
    throw new AdapterError(`${contexte.fichier} : attendu un objet JSON avec « year » (entier) et « data » (tableau des subventions).`);
  }
  const fileYear = file.year as number;
  if (contexte.annees && (fileYear < contexte.annees[0] || fileYear > contexte.annees[1])) {
    throw new AdapterError(`${contexte.fichier} : le fichier porte l'année ${fileYear}, le registre déclare ${contexte.annees.join(" à ")} pour la source « ${contexte.source} ».`);
  }
  const data = file.data as unknown[];
  const lines = arrayElementLines(text, "data");
  if (lines.length !== data.length) throw new AdapterError(`${contexte.fichier} : ${data.length} subventions lues mais ${lines.length} positions trouvées dans le texte.`);
  const f = funder(contexte);
  const regles: Regles = {
    siret: "obligatoire",
    annees: [fileYear, fileYear],
    priorite: PRIORITE.fichier,
    colonnes: {id_source: "id", nom_beneficiaire: "beneficiaire", id_beneficiaire: "siret", montant: "montant", annee: "annee"}
  };
  const brutes = data.map((value, i): AideBrute => {
    const r = (typeof value === "object" && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
    const problemes: ProblemeAide[] = [];
    if (r !== value) problemes.push({colonne: "*", valeur: JSON.stringify(value), raison: "enregistrement qui n'est pas un objet JSON"});
    const id = str(r.id);
    if (id !== null && !/^\d{4}_\d{5}$/.test(id)) problemes.push({colonne: "id", valeur: id, raison: "numéro de dossier hors format : AAAA_NNNNN attendu (ex. 2019_07505)"});
    if (r.annee !== undefined && r.annee !== null && !Number.isInteger(r.annee)) problemes.push({colonne: "annee", valeur: JSON.stringify(r.annee), raison: "année non entière"});
    const arrondissement = Number.isInteger(r.arrondissement) && (r.arrondissement as number) >= 1 && (r.arrondissement as number) <= 20 ? (r.arrondissement as number) : null;
    const coordinates = (typeof r.coordinates === "object" && r.coordinates !== null ? r.coordinates : {}) as Record<string, unknown>;
    return {
      ...VIDE,
      id_source: id,
      financeur: f.code,
      libelle_financeur: f.libelle,
      nom_attribuant: f.libelle,
      nom_beneficiaire: str(r.beneficiaire),
      id_beneficiaire: typeof r.siret === "string" ? r.siret.trim() : r.siret === undefined || r.siret === null ? null : JSON.stringify(r.siret),
      objet: str(r.objet),
      montant_lu: r.montant ?? null,
      nature: str(r.nature),
      annee: Number.isInteger(r.annee) ? (r.annee as number) : null,
      nom_service_instructeur: str(r.direction),
      thematique: str(r.thematique),
      adresse_siege: str(r.adresse),
      code_postal_siege: str(r.codePostal),
      commune_siege: str(r.commune),
      arrondissement_siege: arrondissement,
      latitude: num(coordinates.lat),
      longitude: num(coordinates.lon),
      source: contexte.source,
      fichier: contexte.fichier,
      ligne: lines[i],
      licence: contexte.licence,
      champs_derives: DERIVES_PARIS,
      regles,
      problemes
    };
  });
  const declared = Number.isFinite(file.count) && Number.isFinite(file.total) ? [{annee: fileYear, nombre: file.count as number, montant: file.total as number}] : [];
  return {brutes, enregistrements: data.length, declare: declared};
}

// ---------------------------------------------------------------------------------------------
// State posts (ANCT Ci.Ville): dispositif, annee, id_poste, code_tiers, raison_sociale, montant_eur, code_cv, insee_dep

const DISPOSITIFS_ETAT = new Map([["FONJEP", "FONJEP"], ["ADULTE_RELAIS", "Adultes-relais"]]);

function lirePostes(bytes: Uint8Array, contexte: Contexte): Adapte {
  const table = csv(bytes, contexte, ["dispositif", "annee", "id_poste", "code_tiers", "raison_sociale", "montant_eur", "code_cv", "insee_dep"]);
  const f = funder(contexte);
  const colonnes: Regles["colonnes"] = {id_source: "id_poste", nom_beneficiaire: "raison_sociale", id_beneficiaire: "code_tiers", montant: "montant_eur", annee: "annee"};
  const base = {
    ...VIDE,
    financeur: f.code,
    libelle_financeur: f.libelle,
    nom_attribuant: "État",
    nom_service_instructeur: "Programme 147 — politique de la ville",
    montant_lu: null,
    source: contexte.source,
    fichier: contexte.fichier,
    licence: contexte.licence,
    champs_derives: "dispositif : ajouté par le pack de données (fichier d'origine) ; montant : coût théorique du poste",
    regles: {siret: "facultatif" as const, annees: contexte.annees, priorite: PRIORITE.fichier, colonnes}
  };
  const brutes = table.records.map((record): AideBrute => {
    const at = (name: string) => table.at(record.values, name);
    const problemes: ProblemeAide[] = [];
    const dispositif = at("dispositif");
    if (!DISPOSITIFS_ETAT.has(dispositif)) problemes.push({colonne: "dispositif", valeur: dispositif, raison: "dispositif inconnu : FONJEP ou ADULTE_RELAIS attendu"});
    const annee = year(at("annee"));
    if (annee === null && at("annee") !== "") problemes.push({colonne: "annee", valeur: at("annee"), raison: "année sur 4 chiffres attendue"});
    // Adultes-relais rows carry the employer's SIRET; FONJEP rows carry its name in code_tiers.
    const adulteRelais = dispositif === "ADULTE_RELAIS";
    return {
      ...base,
      id_source: at("id_poste") === "" ? null : `${at("annee")}-${at("id_poste")}`,
      nom_beneficiaire: at("raison_sociale") || null,
      id_beneficiaire: adulteRelais ? at("code_tiers") : null,
      montant_lu: at("montant_eur"),
      annee,
      dispositif_aide: DISPOSITIFS_ETAT.get(dispositif) ?? null,
      code_departement: at("insee_dep") || null,
      code_contrat: at("code_cv") || null,
      ligne: record.line,
      regles: {...base.regles, siret: adulteRelais ? "obligatoire" : "facultatif"},
      problemes
    };
  });
  return {brutes: [...brutes, ...unreadLines(table, base)], enregistrements: table.records.length + table.problems.length, declare: []};
}

// ---------------------------------------------------------------------------------------------
// The Region's 2019 aid, transcribed from the report (data/aides/region_idf_2019_rapport.csv)

function lireRapport(bytes: Uint8Array, contexte: Contexte): Adapte {
  const table = csv(bytes, contexte, ["cle", "nomAttribuant", "idAttribuant", "nomBeneficiaire", "objet", "montant", "nombre_aides", "periode_debut"]);
  const f = funder(contexte);
  const base = {
    ...VIDE,
    financeur: f.code,
    libelle_financeur: f.libelle,
    montant_lu: null,
    source: contexte.source,
    fichier: contexte.fichier,
    licence: contexte.licence,
    champs_derives: "transcription du rapport de 2019 par le projet (passage cité) ; dispositif : table complémentaire du projet",
    regles: {
      siret: "facultatif" as const,
      annees: contexte.annees,
      priorite: PRIORITE.transcription,
      colonnes: {id_source: "cle", nom_beneficiaire: "nomBeneficiaire", id_beneficiaire: "idBeneficiaire", montant: "montant", annee: "periode_debut"}
    }
  };
  const brutes = table.records.map((record): AideBrute => {
    const at = (name: string) => table.at(record.values, name);
    const problemes: ProblemeAide[] = [];
    const nombre = parseFrenchNumber(at("nombre_aides"));
    if (nombre === undefined || !Number.isInteger(nombre) || nombre < 1) problemes.push({colonne: "nombre_aides", valeur: at("nombre_aides"), raison: "un nombre entier d'aides (1 ou plus) attendu"});
    const annee = year(at("periode_debut").slice(0, 4));
    if (annee === null && at("periode_debut") !== "") problemes.push({colonne: "periode_debut", valeur: at("periode_debut"), raison: "un mois AAAA-MM attendu"});
    return {
      ...base,
      id_source: at("cle") || null,
      nom_attribuant: at("nomAttribuant") || null,
      id_attribuant: at("idAttribuant") || null,
      nom_beneficiaire: at("nomBeneficiaire") || null,
      objet: at("objet") || null,
      montant_lu: at("montant"),
      nombre_aides: nombre !== undefined && Number.isInteger(nombre) && nombre >= 1 ? nombre : 1,
      annee,
      ligne: record.line,
      champs_derives: (nombre ?? 1) > 1 ? `${base.champs_derives} ; cette ligne regroupe ${nombre} projets que le rapport ne nomme pas (total déclaré moins montants nommés)` : base.champs_derives,
      problemes
    };
  });
  return {brutes: [...brutes, ...unreadLines(table, base)], enregistrements: table.records.length + table.problems.length, declare: []};
}

// ---------------------------------------------------------------------------------------------
// Any SCDL file (v2.1.1 or 1.x): the validator's rules apply unchanged; its valid rows are loaded

const KEY_COLUMNS = "clé (idAttribuant, dateConvention, idBeneficiaire, objet, montant, referenceDecision)";

function lireScdl(bytes: Uint8Array, contexte: Contexte): Adapte {
  if (!contexte.scdlSchema) throw new AdapterError(`${contexte.fichier} : le schéma SCDL (registre : scdl_schema_2_1_1) est nécessaire pour lire un fichier SCDL.`);
  const result = validateScdl(bytes, contexte.fichier, contexte.scdlSchema);
  // A registered file refused as a whole (not a CSV, a required column missing…) stops the build.
  if (result.refused) throw new AdapterError(`${result.refused.file}, ligne ${result.refused.line}, colonne ${result.refused.column} : attendu ${result.refused.expected}`);
  const regles: Regles = {
    siret: "facultatif", // the validator already requires idBeneficiaire or rnaBeneficiaire, and checks both
    annees: contexte.annees,
    priorite: PRIORITE.fichier,
    colonnes: {id_source: KEY_COLUMNS, nom_beneficiaire: "nomBeneficiaire", id_beneficiaire: "idBeneficiaire", montant: "montant", annee: "dateConvention"}
  };
  const provenance = {source: contexte.source, fichier: contexte.fichier, licence: contexte.licence, champs_derives: "annee : année de dateConvention, calculée par le projet", regles};
  const s = (v: unknown) => (typeof v === "string" ? v : null);
  const fromValues = (values: Record<string, unknown>, key: string) => {
    const f = financeurOf(s(values.idAttribuant), s(values.nomAttribuant), contexte.financeurs);
    const date = s(values.dateConvention);
    return {
      ...VIDE,
      id_source: key,
      financeur: f.code,
      libelle_financeur: f.libelle,
      nom_attribuant: s(values.nomAttribuant),
      id_attribuant: s(values.idAttribuant),
      nom_beneficiaire: s(values.nomBeneficiaire),
      id_beneficiaire: s(values.idBeneficiaire),
      rna_beneficiaire: s(values.rnaBeneficiaire),
      objet: s(values.objet),
      montant_lu: values.montant ?? null,
      nature: s(values.nature),
      date_convention: date,
      annee: date ? Number(date.slice(0, 4)) : null,
      dispositif_aide: s(values.dispositifAide),
      // draft SCDL 2024 column, kept when a file already has it
      nom_service_instructeur: s(values.nomServiceInstructeur)
    };
  };
  const loaded = [...result.rows, ...result.incomplete];
  const byLine = new Map(loaded.map((r) => [r.line, r]));
  const brutes: AideBrute[] = loaded.map((row) => {
    const brute: AideBrute = {...fromValues(row.values, row.key), ...provenance, ligne: row.line, problemes: []};
    if (!row.missing) return brute;
    // An incomplete record (the validator loads it, counted apart): loaded here too, its unknown
    // fields said in the provenance — unless it has no beneficiary identifier at all (rejected).
    const noId = row.missing.includes("idBeneficiaire") && brute.rna_beneficiaire === null;
    const problemes = noId ? [{colonne: "idBeneficiaire, rnaBeneficiaire", valeur: row.unknown?.idBeneficiaire ?? "", raison: "identifiant du bénéficiaire absent ou invalide : un SIRET (ou un numéro RNA) est attendu"}] : [];
    return {...brute, champs_derives: `${provenance.champs_derives} ; ligne incomplète, champs inconnus : ${row.missing.join(", ")}`, problemes};
  });
  for (const d of result.duplicates) {
    const first = byLine.get(d.duplicateOf)!;
    brutes.push({...fromValues(first.values, first.key), ...provenance, ligne: d.line, problemes: [{colonne: "*", valeur: "", raison: `doublon exact de la ligne ${d.duplicateOf} : la subvention n'est chargée qu'une fois`}]});
  }
  for (const reject of result.rejects) {
    const problemes = reject.problems.filter((p) => p.severity !== "warning").map((p) => ({colonne: p.column, valeur: p.value, raison: `attendu ${p.expected}`}));
    brutes.push({
      ...VIDE,
      financeur: "inconnu",
      libelle_financeur: "Attribuant non lu",
      montant_lu: null,
      ...provenance,
      ligne: reject.line,
      illisible: true,
      problemes: problemes.length ? problemes : [{colonne: reject.column, valeur: reject.value, raison: `attendu ${reject.expected}`}]
    });
  }
  brutes.sort((a, b) => a.ligne - b.ligne);
  return {brutes, enregistrements: result.rows.length + result.incomplete.length + result.duplicates.length + result.rejects.length, declare: []};
}

// ---------------------------------------------------------------------------------------------

export const ADAPTATEURS = {
  ville_paris_json: {
    libelle: "Subventions de la Ville de Paris (fichiers JSON annuels, subventions ≥ 40 000 €)",
    format: "JSON : {year, total, count, data: [...]}, un fichier par année budgétaire",
    regles: [
      "Un fichier = une année budgétaire ; une subvention d'une autre année est rejetée.",
      "Numéro de dossier (id) obligatoire, au format AAAA_NNNNN, unique dans le fichier : un second enregistrement au même numéro est rejeté.",
      "SIRET du bénéficiaire obligatoire : 14 chiffres et clé de contrôle valide (« None » ou un SIREN de 9 chiffres sont rejetés).",
      "Le nombre et le total que le fichier déclare, et ceux du pack de données, sont comparés aux enregistrements lus.",
      "Thématique, adresse, coordonnées et arrondissement ne sont pas de la Ville : ils sont marqués dérivés, et l'arrondissement est celui du siège, pas du lieu de l'action.",
      "Seules les subventions de 40 000 € ou plus sont publiées : chaque chiffre porte la mention « subventions ≥ 40 000 € »."
    ],
    priorite: PRIORITE.fichier,
    lire: lireVilleParis
  },
  postes_politique_ville: {
    libelle: "Postes FONJEP et adultes-relais financés par l'État (ANCT, Ci.Ville)",
    format: "CSV : une ligne par poste et par année",
    regles: [
      "Un poste une année = une aide ; identifiant : année et id_poste, unique dans le fichier (les lignes répétées à l'identique sont rejetées comme doublons).",
      "Adultes-relais : le SIRET de l'employeur (code_tiers) est obligatoire et contrôlé ; FONJEP : la source ne donne que le nom de l'association, le SIRET reste vide.",
      "Montant : coût théorique du poste au 31 décembre ; années 2020 à 2023."
    ],
    priorite: PRIORITE.fichier,
    lire: lirePostes
  },
  rapport_region_2019: {
    libelle: "Aides de la Région transcrites du rapport de 2019",
    format: "CSV du projet, une ligne par montant nommé dans le rapport",
    regles: [
      "Une ligne par montant que le rapport nomme, avec son passage ; les projets non nommés forment une ligne (nombre_aides > 1).",
      "Pas de SIRET ni de date : le rapport ne les donne pas ; l'année est celle de la période couverte.",
      "Priorité la plus basse : si la Région publie un fichier SCDL pour la même année, ce fichier remplace la transcription (ses lignes vont aux rejets avec cette raison)."
    ],
    priorite: PRIORITE.transcription,
    lire: lireRapport
  },
  scdl: {
    libelle: "Fichier SCDL « subventions » (v2.1.1 ou 1.x)",
    format: "CSV au schéma national SCDL, un ou plusieurs exercices",
    regles: [
      "Les règles du validateur SCDL s'appliquent sans changement (ligne, colonne, valeur, attendu) : une ligne rejetée par le validateur va aux rejets, un doublon exact aussi.",
      "Le financeur est l'attribuant : reconnu par le SIREN de idAttribuant (la Région : 237500079), sinon nommé comme le fichier le nomme.",
      "L'année est celle de dateConvention ; la clé de la subvention (attribuant, date, bénéficiaire, objet, montant, décision) est unique dans le fichier.",
      "Un fichier SCDL remplace, pour les mêmes financeur et année, une source de priorité plus basse (la transcription du rapport)."
    ],
    priorite: PRIORITE.fichier,
    lire: lireScdl
  }
} satisfies Record<string, Adaptateur>;

export type NomAdaptateur = keyof typeof ADAPTATEURS;

export function adaptateur(name: string, where: string): Adaptateur {
  if (!Object.hasOwn(ADAPTATEURS, name)) throw new AdapterError(`${where} : adaptateur d'aides « ${name} » inconnu (connus : ${Object.keys(ADAPTATEURS).join(", ")}).`);
  return ADAPTATEURS[name as NomAdaptateur];
}

/** The common rules, for the Méthode page. */
export const REGLES_COMMUNES = [
  "Chaque enregistrement lu est soit chargé, soit rejeté avec toutes ses raisons : chargés + rejetés = enregistrements de la source, par source et par année (contrôlé à chaque construction).",
  "Rejeté : identifiant absent ; bénéficiaire non nommé ; SIRET absent (quand la source doit le donner), mal formé ou à clé fausse ; montant absent, non numérique, négatif ou nul ; année absente ou hors de celles de la source ; identifiant déjà vu plus haut dans le même fichier.",
  "Les financeurs ne sont jamais additionnés : chaque ligne porte son financeur, sa source, sa ligne dans le fichier, sa licence et la liste des champs qui ne viennent pas du financeur."
];
