-- Le référentiel compte exactement 1 266 communes (COG 2025/2026).
select count(*) as n_communes from mart_communes having count(*) <> 1266
