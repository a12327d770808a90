// What the Méthode and Données pages show: the source registry, the published tables, the invariants.
import {emit} from "../../loaders/cli.js";
import {readRegistry} from "../../loaders/registry.js";
import {readTables} from "../../loaders/tables.js";
import {openWarehouse, readChecks, rows} from "../../loaders/warehouse.js";

await emit(async () => {
  const db = await openWarehouse();
  return JSON.stringify({
    sources: readRegistry(),
    tables: readTables(),
    checks: readChecks().map(({name, description}) => ({name, description})),
    rejects: await rows(db, "select source, count(*)::int as n from mart_rejects group by source order by source")
  }, null, 1);
});
