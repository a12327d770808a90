// Paris arrondissements (ODbL, © Ville de Paris), a separate layer in the same projected frame.
import {emit} from "../../loaders/cli.js";
import {projectedTopology} from "../../loaders/geo.js";
import {arrondissementFeatures} from "../../loaders/maps.js";
import {openWarehouse} from "../../loaders/warehouse.js";

await emit(async () => {
  const topo = projectedTopology(await arrondissementFeatures(await openWarehouse()), [], {minWeight: 0.05});
  topo.objects.arrondissements = topo.objects.communes;
  delete topo.objects.communes;
  return JSON.stringify(topo);
});
