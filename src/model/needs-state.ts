// What is wrong with the Besoins page's state, in French, for the reader: the parts of a permalink
// that were not understood (decodeState falls back to the defaults for them), and a view that is
// undefined — all weights at 0, an indicator not published at the chosen scale — which the page
// explains instead of drawing a grey map.
import type {Weights} from "./needs-index.js";
import {NIVEAUX, type NeedsData} from "./needs-model.js";
import {kindOf, measureProblem, regionalIndicatorIds} from "./needs-regional.js";

export const INDEX_CHOICES = ["indice", "indice_detaille", "stabilite"];

/** The parts of the query string that decodeState could not use, each said once. */
export function stateProblems(query: string, data: Pick<NeedsData, "themes" | "indicators">): string[] {
  const params = new URLSearchParams(query);
  const problems: string[] = [];
  const niveau = params.get("niveau");
  if (niveau !== null && !NIVEAUX.some((n) => n.id === niveau)) problems.push(`Échelle « ${niveau} » inconnue dans l'adresse : les communes sont affichées.`);
  const indicateur = params.get("indicateur");
  if (indicateur !== null && !INDEX_CHOICES.includes(indicateur) && !data.indicators.some((i) => i.id === indicateur)) {
    problems.push(`Carte « ${indicateur} » inconnue dans l'adresse : l'indice régional est affiché.`);
  }
  const themes = new Set(data.themes.map((t) => t.id));
  const indicators = new Set(data.indicators.map((i) => i.id));
  for (const part of (params.get("poids") ?? "").split(",").filter(Boolean)) {
    const [key, raw] = part.split(":");
    if (!themes.has(key) && !indicators.has(key)) problems.push(`Poids « ${key} » inconnu dans l'adresse : il est ignoré (ni un thème ni un indicateur).`);
    else if (raw === undefined || raw.trim() === "" || !Number.isFinite(Number(raw)) || Number(raw) < 0 || Number(raw) > 1) {
      problems.push(`Poids « ${key} » = « ${raw ?? ""} » invalide dans l'adresse (attendu : un nombre entre 0 et 1) : le poids par défaut est gardé.`);
    }
  }
  return problems;
}

/**
 * Why the chosen map is undefined at this scale with these weights, or null: the composite
 * measures when no weighted indicator is left (measureProblem), an indicator that is not published
 * at the scale (the localised unemployment rate exists by zone d'emploi only).
 */
export function viewProblem(data: NeedsData, niveau: string, indicateur: string, weights: Weights, regional = regionalIndicatorIds(data)): string | null {
  if (INDEX_CHOICES.includes(indicateur)) return measureProblem(data, niveau, weights, kindOf(indicateur), regional);
  const definition = data.indicators.find((i) => i.id === indicateur);
  if (!definition) return null;
  const level = data.niveaux[niveau];
  const published = (definition.niveaux ? definition.niveaux.includes(niveau) : true) && !!level && level.statuts[indicateur]?.some((s) => s !== "absent");
  if (published) return null;
  const where = NIVEAUX.filter((n) => (definition.niveaux ? definition.niveaux.includes(n.id) : true) && data.niveaux[n.id]?.statuts[indicateur]?.some((s) => s !== "absent")).map((n) => `« ${n.label} »`);
  const scale = NIVEAUX.find((n) => n.id === niveau)?.label ?? niveau;
  return `« ${definition.label} » n'est pas publié à l'échelle « ${scale} »${where.length ? ` : choisissez ${where.length > 1 ? "l'une des échelles" : "l'échelle"} ${where.join(", ")}` : ""}.`;
}
