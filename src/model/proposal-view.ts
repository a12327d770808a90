// What the Implantation page says about a proposal, whatever its objective: the sentence under the
// shortlist, the shortlist, the measures before and after, and two scenarios side by side with the
// communes that change status. Every sentence speaks of the scenario's demand (chômeurs, habitants
// pondérés par le besoin, personnes pauvres: src/model/placement-demand.ts). Pure: the page shows
// what these return (text runs, rows).
import {formatDecimal, formatInteger, formatPercent, plural} from "../lib/format.js";
import {DEMANDS, ruleLabel} from "./placement-demand.js";
import type {DemandMetrics} from "./placement-metrics.js";
import {statusChanges, type Proposal} from "./placement-proposal.js";
import type {Scenario} from "./placement-scenarios.js";
import {bassinName, nameOf, placementSummary, type PlacementData, type PlacementInputs, type Run} from "./placement-view.js";

export const OBJECTIVE_LABELS: Record<Scenario["objective"], string> = {
  couverture: "Couverture maximale (le plus de demande à moins de R, k sites)",
  p_median: "p-médiane (la distance moyenne la plus courte, k sites)",
  ensemble_couvrant: "Ensemble couvrant (le moins de sites, seuil)"
};

/** Short name of the objective, for tables and scenario titles. */
export const OBJECTIVE_SHORT: Record<Scenario["objective"], string> = {
  couverture: "couverture maximale",
  p_median: "p-médiane",
  ensemble_couvrant: "ensemble couvrant"
};

const km = (x: number | null) => (x === null ? "n.d." : `${formatDecimal(x, 1)} km`);

/** The unit of a scenario's demand, for sentences ("chômeurs de 15 à 64 ans"). */
export const unitOf = (s: Scenario) => DEMANDS[s.demande].unit;

/** "distance moyenne 6,2 → 4,1 km ; 90 % à moins de 9,8 km" — before and after. */
export function metricsRuns(before: DemandMetrics, after: DemandMetrics, radiusKm: number, unit: string): Run[] {
  return [
    {text: ` Distance moyenne de la demande (${unit}) à la structure la plus proche : `},
    {text: `${km(before.meanKm)} → ${km(after.meanKm)}`, strong: true},
    {text: ` ; 90 % de la demande à moins de ${km(after.p90Km)} (${km(before.p90Km)} avant) ; à moins de ${formatInteger(radiusKm)} km : ${formatPercent(before.coverage)} → `},
    {text: formatPercent(after.coverage), strong: true},
    {text: "."}
  ];
}

/** The sentence under the shortlist, for every objective. */
export function proposalSummary(proposal: Proposal, inputs: PlacementInputs, scenario: Scenario, solveMs: number, name: (code: string) => string): Run[] {
  const n = proposal.picks.length;
  const timing: Run = {text: ` Calcul : ${formatDecimal(solveMs, 0)} ms.`};
  const unit = unitOf(scenario);
  const measures = metricsRuns(proposal.before, proposal.after, scenario.radiusKm, unit);
  const d = proposal.detail;
  if (d.objective === "couverture") return [...placementSummary(d.result, inputs, scenario, solveMs, unit).filter((r) => !r.text.startsWith(" Calcul")), ...measures, timing];
  if (d.objective === "p_median") {
    const total = proposal.before.totalWeight;
    if (n === 0) return [{text: "Aucun site n'est proposé", strong: true}, {text: " : aucune commune n'est candidate (choisissez au moins une couronne, baissez la population minimale ou retirez des exclusions)."}, ...measures, timing];
    const best = total > 0 ? d.result.lowerBound / total : null;
    const proof: Run[] = d.result.optimal
      ? [{text: " C'est la meilleure solution possible", strong: true}, {text: d.result.method === "exhaustive" ? " (vérifiée par recherche exhaustive)." : " (elle atteint la borne inférieure calculée)."}]
      : [
          {text: ` Aucun choix de ${plural(scenario.k, "site")} ne peut faire descendre la distance moyenne sous ${km(best)} (borne inférieure de Lagrange) : la solution en est à `},
          {text: `${formatPercent(d.result.cost / d.result.lowerBound - 1)} au plus`, strong: true},
          {text: "."}
        ];
    return [
      {text: n === 1 ? "Le " : "Les "},
      {text: n === 1 ? "site proposé" : `${formatInteger(n)} sites proposés`, strong: true},
      {text: `${n === 1 ? " rapproche" : " rapprochent"} au mieux la demande connue (${formatInteger(total)} ${unit}) de la structure la plus proche (structures recensées comprises).`},
      ...measures,
      ...proof,
      timing
    ];
  }
  const r = d.result;
  const threshold = `au moins ${formatInteger(scenario.minWeight)} ${unit}`;
  const scope: Run = {text: ` ${plural(r.required.length, "lieu compte", "lieux comptent")} ${threshold} (communes, Paris par arrondissement), dont ${formatInteger(r.alreadyCovered.length)} déjà à moins de ${formatInteger(scenario.radiusKm)} km d'une structure recensée.`};
  const unreachable: Run[] = r.uncoverable.length
    ? [{text: ` ${plural(r.uncoverable.length, "lieu", "lieux")} ne peu${r.uncoverable.length > 1 ? "vent" : "t"} être couvert${r.uncoverable.length > 1 ? "s" : ""} par aucune commune candidate à moins de ${formatInteger(scenario.radiusKm)} km : ${r.uncoverable.map(name).join(", ")}.`}]
    : [];
  if (n === 0) {
    const none = r.required.length === 0 ? "aucun lieu n'atteint le seuil" : r.uncoverable.length === r.required.length - r.alreadyCovered.length ? "les structures recensées couvrent déjà tous les lieux qu'une commune candidate pourrait couvrir" : "les structures recensées couvrent déjà tous ces lieux";
    return [{text: "Aucun site n'est nécessaire", strong: true}, {text: ` : ${none}.`}, scope, ...unreachable, ...measures, timing];
  }
  const proof: Run[] = r.optimal
    ? [{text: " C'est le plus petit nombre possible", strong: true}, {text: r.method === "exact" ? " (vérifié par recherche exacte)." : " (il atteint la borne inférieure : autant de lieux qu'aucune commune candidate ne peut couvrir deux à deux)."}]
    : [{text: ` Au moins ${plural(r.lowerBound, "site est nécessaire", "sites sont nécessaires")} (borne inférieure) ; la recherche exacte a été arrêtée avant de conclure.`}];
  return [
    {text: "Il faut "},
    {text: plural(n, "site", "sites"), strong: true},
    {text: ` pour que chaque lieu comptant ${threshold} soit à moins de ${formatInteger(scenario.radiusKm)} km d'une structure.`},
    scope,
    ...proof,
    ...unreachable,
    ...measures,
    timing
  ];
}

export interface ProposalRow {
  rang: number;
  code: string;
  commune: string;
  departement: string | undefined;
  bassin: string;
  population: number | undefined;
  /** What the site brings, in the objective's unit (see apportLabel). */
  apport: number;
  stabilite: number | null;
}

/** The shortlist's column of what each site brings, in the objective's unit and the scenario's demand. */
export function apportLabel(s: Scenario): string {
  if (s.objective === "couverture") return `Nouveaux couverts (${DEMANDS[s.demande].short})`;
  if (s.objective === "p_median") return `Baisse de la distance cumulée (demande × km)`;
  return "Lieux au-dessus du seuil nouvellement couverts";
}

/** The shortlist of any objective: rank, commune, territory, what the site brings, stability (couverture only). */
export function proposalRows(proposal: Proposal, inputs: PlacementInputs, data: PlacementData, stability: Map<string, number> | null): ProposalRow[] {
  const name = nameOf(data);
  const bassin = bassinName(data);
  return proposal.picks.map((p, i) => {
    const place = inputs.centroids.get(p.code);
    return {
      rang: i + 1,
      code: p.code,
      commune: name(p.code),
      departement: place?.departement,
      bassin: bassin(place?.bassin),
      population: place?.population,
      apport: Number.isFinite(p.value) ? Math.round(p.value) : NaN,
      stabilite: stability ? stability.get(p.code) ?? 0 : null
    };
  });
}

export interface KeptScenario {
  scenario: Scenario;
  proposal: Proposal;
  /** The same problem with the candidates limited to the places of need (scenario.candidats); null
   * when no restriction is chosen. */
  limited?: {proposal: Proposal; candidates: number} | null;
}

/** "couverture maximale, couveuses, chômeurs, k = 5, R = 5 km" — the scenario in a few words. */
export function scenarioTitle(s: Scenario): string {
  const size = s.objective === "ensemble_couvrant" ? `seuil ${formatInteger(s.minWeight)}` : `k = ${s.k}`;
  return `${OBJECTIVE_SHORT[s.objective]}, ${s.preset}, ${DEMANDS[s.demande].short}, ${size}, R = ${s.radiusKm} km`;
}

/**
 * Two scenarios side by side: one row per measure (demand, sites, covered demand, distances, the
 * proposal limited to the places of need), then the places that change status — within R of a
 * site in one scenario and not in the other (each scenario with its own R), the `shown` with the
 * most demand (`weight`) named.
 */
/** The comparison's cell of the proposal limited to the places of need: its rule, sites and coverage. */
function limitedCell(k: KeptScenario): string {
  const l = k.limited;
  if (!l) return "pas de proposition limitée (toutes les communes candidates)";
  const head = `${ruleLabel(k.scenario.candidats)} (${plural(l.candidates, "commune candidate", "communes candidates")})`;
  if (!l.candidates) return `${head} : aucune proposition`;
  return `${head} : ${plural(l.proposal.picks.length, "site", "sites")}, ${formatInteger(l.proposal.after.coveredWeight)} à moins de R (${formatPercent(l.proposal.after.coverage)})`;
}

export function comparisonTable(
  kept: KeptScenario,
  current: KeptScenario,
  name: (code: string) => string,
  {weight = () => 0, shown = 12}: {weight?: (code: string) => number; shown?: number} = {}
): {header: string[]; rows: string[][]} {
  const measure = (label: string, f: (k: KeptScenario) => string) => [label, f(kept), f(current)];
  const names = (k: KeptScenario) => (k.proposal.picks.length ? k.proposal.picks.map((p, i) => `${i + 1}. ${name(p.code)}`).join(", ") : "aucun");
  const {gained, lost} = statusChanges(kept.proposal, current.proposal);
  // the places with the most demand first; a long list is cut, its length said
  const list = (codes: string[]) => {
    if (!codes.length) return "aucun";
    const sorted = [...codes].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1));
    const rest = sorted.length - shown;
    return `${plural(codes.length, "lieu", "lieux")} : ${sorted.slice(0, shown).map(name).join(", ")}${rest > 0 ? ` et ${plural(rest, "autre")}` : ""}`;
  };
  return {
    header: ["Mesure", `Scénario gardé (${scenarioTitle(kept.scenario)})`, `Scénario courant (${scenarioTitle(current.scenario)})`],
    rows: [
      measure("Demande couverte", (k) => DEMANDS[k.scenario.demande].label),
      measure("Sites proposés", (k) => `${formatInteger(k.proposal.picks.length)} — ${names(k)}`),
      measure("Demande à moins de R", (k) => `${formatInteger(k.proposal.after.coveredWeight)} ${unitOf(k.scenario)} (${formatPercent(k.proposal.after.coverage)} ; ${formatPercent(k.proposal.before.coverage)} sans les sites proposés)`),
      measure("Distance moyenne à la structure la plus proche", (k) => `${km(k.proposal.after.meanKm)} (${km(k.proposal.before.meanKm)} sans)`),
      measure("Distance sous laquelle se trouvent 90 % de la demande", (k) => `${km(k.proposal.after.p90Km)} (${km(k.proposal.before.p90Km)} sans)`),
      measure("Sites limités aux communes de besoin", limitedCell),
      ["Lieux qui changent de statut", `Couverts seulement dans le scénario gardé : ${list(lost)}`, `Couverts seulement dans le scénario courant : ${list(gained)}`]
    ]
  };
}
