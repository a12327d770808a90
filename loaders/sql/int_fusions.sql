-- Communes merged since 2018 (old code → COG 2026 code), from the geometry's codes_2018_fusionnes, with the year the merger took effect when the pack states it.
with fusions as (
  select distinct trim(old) as code_ancien, code_commune as code_nouveau
  from stg_communes_geometrie, unnest(regexp_split_to_array(codes_2018_fusionnes, '[,;| ]+')) t(old)
  where codes_2018_fusionnes is not null and trim(old) <> ''
),
-- The pack states one effective date, "The last IDF merger was on 2025-01-01: 93059
-- Pierrefitte-sur-Seine was merged into 93066 Saint-Denis" (geo/SOURCES.md; INSEE, COG 2025). The
-- nine others happened between 2019 and 2025 (data/sources.json, communes_geometrie): year unknown, null.
annees(code_ancien, annee_fusion) as (values ('93059', 2025))
select f.code_ancien, f.code_nouveau, a.annee_fusion
from fusions f
left join annees a using (code_ancien)
order by f.code_ancien
