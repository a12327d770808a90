-- Published: every territory of every level above the commune, with population summed from its communes.
select
  a.niveau,
  a.code,
  any_value(a.libelle) as libelle,
  count(*) as n_communes,
  sum(c.population) as population,
  round(sum(c.surface_km2), 2) as surface_km2,
  round(sum(c.population) / sum(c.surface_km2), 1) as densite
from int_appartenances a
join mart_communes c using (code_commune)
group by a.niveau, a.code
order by
  list_position(['region', 'couronne', 'departement', 'epci', 'ept', 'zone_emploi', 'bassin'], a.niveau),
  a.code
