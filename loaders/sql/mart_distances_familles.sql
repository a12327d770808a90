-- Published: for every commune (and Paris arrondissement), the straight-line distance from its
-- centroid to the nearest site of each family that receives the public, and how many lie within
-- 5 km — the gap the Implantation page reads ("no employment or insertion support within 5 km").
-- Planar km around the region's centre (src/lib/projection.ts toKm), error under 0.5 %.
with lieux as (
  select c.niveau, c.code, c.x_km, c.y_km from stg_centroides c
),
paires as (
  select l.niveau, l.code, s.famille, s.source, s.ligne, s.id_site, s.nom,
    sqrt((s.x_km - l.x_km) ^ 2 + (s.y_km - l.y_km) ^ 2) as distance_km
  from lieux l cross join int_sites s
  where s.raison_rejet is null and s.compte_distances
)
select f.niveau, f.code, f.famille,
  round(min(p.distance_km), 2) as distance_km,
  arg_min(p.nom, (p.distance_km, p.source, p.ligne)) as site_le_plus_proche,
  -- distinct sites: a SIAE agreed in two départements is one row per agreement but one site
  count(distinct p.source || ':' || p.id_site) filter (where p.distance_km <= 5) as sites_a_moins_de_5_km,
  case when min(p.distance_km) <= 5 then 'oui' else 'non' end as a_moins_de_5_km
from (select l.niveau, l.code, r.famille, r.ordre from lieux l cross join ref_familles r) f
left join paires p on p.niveau = f.niveau and p.code = f.code and p.famille = f.famille
group by f.niveau, f.code, f.famille, f.ordre
order by f.niveau, f.code, f.ordre
