// Communes and every level above them, projected and quantised at build time (see loaders/geo.ts).
import {emit} from "../../loaders/cli.js";
import {projectedTopology} from "../../loaders/geo.js";
import {communeFeatures, levelGroups} from "../../loaders/maps.js";
import {openWarehouse} from "../../loaders/warehouse.js";

await emit(async () => {
  const db = await openWarehouse();
  const communes = await communeFeatures(db, ["nom_commune", "code_departement", "code_couronne", "population", "densite"]);
  return JSON.stringify(projectedTopology(communes, await levelGroups(db)));
});
