-- Published (ODbL geometry): the 20 arrondissements of Paris. Never add them to Paris (75056):
-- they are the same inhabitants counted at a finer scale.
select
  a.code_arrondissement,
  p.nom_arrondissement,
  a.nom_officiel,
  p.population,
  round(a.surface_m2 / 1e6, 2) as surface_km2,
  round(p.population / (a.surface_m2 / 1e6), 1) as densite
from stg_paris_arrondissements a
join stg_paris_arrondissements_population p using (code_arrondissement)
order by code_arrondissement
