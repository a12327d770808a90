// What the Méthode page reports about the two need measures, computed at build time with the
// default weights: what each covers, how far their rankings agree, and how each candidate
// indicator of the pack — kept or rejected — ranks the communes compared with the poverty rate.
import type {DuckDBConnection} from "@duckdb/node-api";
import {needsData} from "./needs.js";
import {rows} from "./warehouse.js";
import {defaultWeights, type NeedsData} from "../src/model/needs-model.js";
import {candidateChecks, measureCoverage, needsIndices, rankAgreement, regionalIndicatorIds, type Candidate} from "../src/model/needs-regional.js";

export async function needsMeasures(db: DuckDBConnection, data?: NeedsData) {
  const needs = data ?? ((await needsData(db)) as NeedsData);
  const communes = needs.niveaux.commune;
  const indices = needsIndices(needs, "commune", defaultWeights(needs));
  const position = new Map(communes.codes.map((c, i) => [c, i]));
  const rejected = new Map<string, (number | null)[]>(needs.rejetes.map((r) => [r.id, communes.codes.map(() => null)]));
  for (const r of await rows(db, "select code_commune, candidat, valeur from mart_indicateurs_candidats")) {
    const column = rejected.get(r.candidat as string);
    const i = position.get(r.code_commune as string);
    if (!column || i === undefined) throw new Error(`mart_indicateurs_candidats: unknown candidate or commune ${r.candidat} ${r.code_commune}`);
    column[i] = r.valeur as number;
  }
  const candidates: Candidate[] = [
    ...needs.indicators
      .filter((i) => i.indice !== false && !i.niveaux && i.id !== "taux_pauvrete")
      .map((i) => ({id: i.id, label: i.label, direction: i.direction, retenu: true, values: communes.valeurs[i.id]})),
    ...needs.rejetes.map((r) => ({id: r.id, label: r.label, direction: r.direction, retenu: false, values: rejected.get(r.id)!}))
  ];
  const regional = regionalIndicatorIds(needs);
  return {
    regles: needs.indices,
    indicateursRegionaux: needs.indicators.filter((i) => regional.has(i.id)).map((i) => i.id),
    couverture: {
      regional: measureCoverage(needs, indices.regional.result),
      detaille: measureCoverage(needs, indices.detaille.result)
    },
    accord: rankAgreement(indices.regional.result.score, indices.detaille.result.score),
    candidats: candidateChecks(communes.valeurs.taux_pauvrete, candidates),
    rejetes: needs.rejetes
  };
}
