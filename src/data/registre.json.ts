// What the Méthode and Données pages show: the source registry, the published tables, the invariants,
// and the aid adapters with their rules.
import {emit} from "../../loaders/cli.js";
import {readRegistry} from "../../loaders/registry.js";
import {readTables} from "../../loaders/tables.js";
import {openWarehouse, readChecks, rows} from "../../loaders/warehouse.js";
import {ADAPTATEURS, REGLES_COMMUNES} from "../model/aides-adapters.js";

await emit(async () => {
  const db = await openWarehouse();
  const sources = readRegistry();
  return JSON.stringify({
    sources,
    tables: readTables(),
    checks: readChecks().map(({name, description}) => ({name, description})),
    rejects: await rows(db, "select source, count(*)::int as n from mart_rejects group by source order by source"),
    aides: {
      regles: REGLES_COMMUNES,
      adaptateurs: Object.entries(ADAPTATEURS).map(([id, a]) => ({
        id,
        libelle: a.libelle,
        format: a.format,
        regles: a.regles,
        priorite: a.priorite,
        sources: sources.filter((s) => s.aides?.adaptateur === id).map((s) => s.id)
      })),
      bilan: await rows(db, "select source, sum(lus)::int as lus, sum(charges)::int as charges, sum(rejetes)::int as rejetes from mart_aides_lecture group by source order by source")
    }
  }, null, 1);
});
