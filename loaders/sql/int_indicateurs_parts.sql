-- Source rows placed on their COG 2026 commune (a commune merged since the vintage maps to its
-- successor); Paris arrondissements are left out: they are shown apart, never summed with 75056.
select coalesce(f.code_nouveau, s.code_geo) as code_commune, s.*
from int_indicateurs_sources s
left join int_fusions f on f.code_ancien = s.code_geo
where not est_arrondissement_paris(s.code_geo) -- arrondissements: see mart_indicateurs
  and coalesce(f.code_nouveau, s.code_geo) in (select code_commune from int_communes) -- others are listed in int_set_aside
