-- Candidate indicators examined for the need index and left out (data/indicators.json "rejetes"),
-- computed per commune only to show, on the Méthode page, how their ranking compares with the
-- poverty rate's. Communes merged since 2018 are left out: their parts' medians and counts come
-- from different geographies (COG 2021 and 2023) and are not worth recombining for this check.
with simples as (
  select code_commune from int_communes
  where code_commune not in (select code_nouveau from int_fusions) -- see above
),
c as (select * from stg_comparateur_2022 where code_geo in (select code_commune from simples)),
f as (select * from stg_filosofi_2021_communes where code_geo in (select code_commune from simples))
select code_geo as code_commune, 'evolution_niveau_vie' as candidat,
  100 * (f.niveau_vie_median / c.niveau_vie_median_2019 - 1) as valeur
from f join c using (code_geo)
where f.niveau_vie_median is not null and c.niveau_vie_median_2019 > 0
union all
select code_geo, 'taux_vacance', 100 * logements_vacants / logements from c where logements > 0
union all
select code_geo, 'emplois_par_actif', emplois / actifs_15_64 from c where actifs_15_64 > 0
union all
select code_geo, 'evolution_population', 100 * (population_2018 / population_2013 - 1) from c where population_2013 > 0
order by candidat, code_commune
