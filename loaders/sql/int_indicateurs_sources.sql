-- Indicator values in long form, at the codes of their source vintage (communes and arrondissements),
-- with what aggregation needs: numerateur/denominateur for ratios, the weight (persons) otherwise,
-- the count and the IRIS it was counted among for counts (aggregation 'somme').
with filosofi(indicateur, valeur, statut, code_geo, personnes) as (
  select 'niveau_vie_median', niveau_vie_median, niveau_vie_median_statut, code_geo, personnes from stg_filosofi_2021_communes
  union all select 'taux_pauvrete', taux_pauvrete, taux_pauvrete_statut, code_geo, personnes from stg_filosofi_2021_communes
  union all select 'taux_pauvrete_moins_30', taux_pauvrete_moins_30, taux_pauvrete_moins_30_statut, code_geo, personnes from stg_filosofi_2021_communes
  union all select 'taux_pauvrete_locataires', taux_pauvrete_locataires, taux_pauvrete_locataires_statut, code_geo, personnes from stg_filosofi_2021_communes
  union all select 'part_minima_sociaux', part_minima_sociaux, part_minima_sociaux_statut, code_geo, personnes from stg_filosofi_2021_communes
  union all select 'part_prestations_logement', part_prestations_logement, part_prestations_logement_statut, code_geo, personnes from stg_filosofi_2021_communes
  union all select 'rapport_interdecile', rapport_interdecile, rapport_interdecile_statut, code_geo, personnes from stg_filosofi_2021_communes
),
-- Poverty pockets: IRIS whose declared low-income rate reaches the indicator's threshold, counted
-- among the IRIS of the commune (or arrondissement) whose rate is published.
seuil as (select seuil from ref_indicateurs where id = 'poches_pauvrete'),
iris as (
  select left(i.code_iris, 5) as code_geo,
    count(i.taux_bas_revenus_declares) as publies,
    count(*) filter (where i.taux_bas_revenus_declares >= (select seuil from seuil)) as poches
  from stg_filosofi_2021_iris i
  group by left(i.code_iris, 5)
),
poches as (
  select code_geo, poches, publies from iris
  union all
  -- Paris' IRIS belong to its arrondissements: Paris is their sum, its own row (its code from the COG)
  select a.code_commune, sum(i.poches), sum(i.publies)
  from iris i join stg_paris_arrondissements_population a on a.code_arrondissement = i.code_geo
  group by a.code_commune
)
select code_geo, indicateur, valeur, statut,
  -- persons below the poverty line = persons × rate: the count that lets rates be recombined
  case when indicateur = 'taux_pauvrete' then personnes * valeur / 100 else valeur * personnes end as numerateur,
  personnes as denominateur
from filosofi
union all
select code_geo, 'taux_chomage_rp', 100 * chomeurs_15_64 / actifs_15_64, statut, chomeurs_15_64, actifs_15_64 -- rounded once, when published (mart_indicateurs)
from stg_comparateur_2022
union all
-- employed = actives − unemployed, over the 15-64 population: recombinable from the counts
select code_geo, 'taux_emploi_15_64', 100 * (actifs_15_64 - chomeurs_15_64) / population_15_64,
  coalesce(statut, population_15_64_statut), actifs_15_64 - chomeurs_15_64, population_15_64
from stg_comparateur_2022
union all
select code_geo, 'part_locataires', 100 * (residences_principales - residences_proprietaires) / residences_principales,
  residences_statut, residences_principales - residences_proprietaires, residences_principales
from stg_comparateur_2022
union all
select p.code_geo, 'poches_pauvrete', case when p.publies > 0 then p.poches end,
  case when p.publies = 0 then 'nd' end, -- split into IRIS, but no IRIS rate published
  case when p.publies > 0 then p.poches end, case when p.publies > 0 then p.publies end
from poches p
union all
-- communes not split into IRIS are absent from the IRIS file by design: no pocket can be measured
select f.code_geo, 'poches_pauvrete', null, 'non_decoupee', null, null
from stg_filosofi_2021_communes f
where f.code_geo not in (select code_geo from poches)
