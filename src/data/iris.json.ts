// Low-income rates (declared income) by IRIS, grouped by commune, for the territory portrait.
import {emit} from "../../loaders/cli.js";
import {openWarehouse, rows} from "../../loaders/warehouse.js";

await emit(async () => {
  const iris = await rows(await openWarehouse(), "select * from mart_iris order by code_iris");
  const byCommune: Record<string, unknown[]> = {};
  for (const i of iris) (byCommune[i.code_commune as string] ??= []).push([i.code_iris, i.code_geo_source, i.taux_bas_revenus_declares, i.taux_bas_revenus_declares_statut, i.revenu_declare_median, i.revenu_declare_median_statut]);
  return JSON.stringify({columns: ["code_iris", "code_geo_source", "taux", "taux_statut", "mediane", "mediane_statut"], communes: byCommune});
});
