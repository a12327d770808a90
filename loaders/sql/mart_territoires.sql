-- Published: every territory of every level above the commune, with population summed from its communes.
with levels as (
  select 'region' as niveau, '11' as code, 'Île-de-France' as libelle, population, surface_km2 from mart_communes
  union all select 'couronne', code_couronne, nom_couronne, population, surface_km2 from mart_communes
  union all select 'departement', code_departement, nom_departement, population, surface_km2 from mart_communes
  union all select 'epci', code_epci, nom_epci, population, surface_km2 from mart_communes
  union all select 'ept', code_ept, nom_ept, population, surface_km2 from mart_communes
  where code_ept is not null -- EPT exist only in the Métropole du Grand Paris
  union all select 'zone_emploi', code_zone_emploi, nom_zone_emploi, population, surface_km2 from mart_communes
  union all select 'bassin', code_bassin, nom_bassin, population, surface_km2 from mart_communes
)
select
  niveau,
  code,
  any_value(libelle) as libelle,
  count(*) as n_communes,
  sum(population) as population,
  round(sum(surface_km2), 2) as surface_km2,
  round(sum(population) / sum(surface_km2), 1) as densite
from levels
group by niveau, code
order by
  list_position(['region', 'couronne', 'departement', 'epci', 'ept', 'zone_emploi', 'bassin'], niveau),
  code
