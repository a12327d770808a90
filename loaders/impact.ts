// Node readers for the project-owned impact files: the unit-cost registry, the identification
// grid and the grid tags on aid. Each refuses a malformed file with French sentences naming it.
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {parseCsv} from "../src/lib/csv-parse.js";
import {AUCUN, checkTags, TAG_COLUMNS, type AidTag} from "../src/model/aides-criteres.js";
import {checkUnitCostRegistry, type UnitCostRegistry} from "../src/model/couts-evites.js";
import type {Grille} from "../src/model/grille.js";

const here = (path: string) => fileURLToPath(new URL(`../data/${path}`, import.meta.url));
export const UNIT_COSTS = here("couts-unitaires.json");
export const GRID = here("grille-innovation-sociale.json");
export const AID_TAGS = here("aides/criteres.csv");
export const COMPLEMENTS = here("aides/complements.csv");

export class ImpactDataError extends Error {}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ImpactDataError(`${path} : JSON illisible (${(error as Error).message}).`);
  }
}

export function readUnitCosts(path = UNIT_COSTS): UnitCostRegistry {
  const raw = readJson(path);
  const problems = checkUnitCostRegistry(raw);
  if (problems.length) throw new ImpactDataError(`${path} :\n- ${problems.join("\n- ")}`);
  return raw as UnitCostRegistry;
}

export function readGrid(path = GRID): Grille {
  const grille = readJson(path) as Grille;
  const sources = new Set(grille.sources?.map((s) => s.id));
  const groupes = new Set(grille.groupes?.map((g) => g.id));
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const c of grille.criteres ?? []) {
    if (ids.has(c.id)) problems.push(`critère « ${c.id} » en double`);
    ids.add(c.id);
    if (c.id === AUCUN) problems.push(`« ${AUCUN} » est réservé aux aides évaluées qui ne remplissent aucun critère`);
    if (!sources.has(c.source)) problems.push(`critère « ${c.id} » : source « ${c.source} » inconnue`);
    if (!groupes.has(c.groupe)) problems.push(`critère « ${c.id} » : groupe « ${c.groupe} » inconnu`);
    if (!c.texte_source?.trim()) problems.push(`critère « ${c.id} » : texte de la source manquant`);
  }
  if (!Number.isInteger(grille.version) || !ids.size) problems.push("version ou critères manquants");
  if (problems.length) throw new ImpactDataError(`${path} :\n- ${problems.join("\n- ")}`);
  return grille;
}

/** Keys of the aid records that the companion table knows (transcription ids, SCDL keys). */
export function aidKeys(path = COMPLEMENTS): Set<string> {
  const table = parseCsv(readFileSync(path), path);
  const k = table.header.indexOf("cle");
  return new Set(table.records.map((r) => r.values[k]));
}

export function readAidTags(path = AID_TAGS, {grille = readGrid(), cles = aidKeys()}: {grille?: Grille; cles?: Set<string>} = {}): AidTag[] {
  const table = parseCsv(readFileSync(path), path);
  const missing = TAG_COLUMNS.filter((c) => !table.header.includes(c));
  if (missing.length) throw new ImpactDataError(`${path}, ligne 1 : colonne(s) manquante(s) ${missing.join(", ")} ; attendu l'en-tête ${TAG_COLUMNS.join(",")}.`);
  if (table.problems.length) throw new ImpactDataError(table.problems.map((p) => `${path}, ligne ${p.line} : ${p.expected} (lu « ${p.value} »).`).join("\n"));
  const at = (name: string) => table.header.indexOf(name);
  const tags = table.records.map((r) => ({line: r.line, cle: r.values[at("cle")].trim(), critere: r.values[at("critere")].trim(), raison: r.values[at("raison")], source_passage: r.values[at("source_passage")]}));
  const problems = checkTags(tags, {cles, grille, file: path});
  if (problems.length) throw new ImpactDataError(problems.join("\n"));
  return tags;
}
