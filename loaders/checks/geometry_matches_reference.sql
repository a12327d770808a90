-- Les contours couvrent exactement les 1 266 communes, avec les mêmes département, EPCI, zone d'emploi et bassin que la table de référence.
select coalesce(c.code_commune, g.code_commune) as code_commune
from mart_communes c
full join stg_communes_geometrie g using (code_commune)
where c.code_commune is null or g.code_commune is null
  or c.code_departement <> g.code_departement or c.code_epci <> g.code_epci
  or c.code_zone_emploi <> g.code_zone_emploi or c.code_bassin <> g.code_bassin
