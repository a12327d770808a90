-- Communes merged since 2018 (old code → COG 2026 code), from the geometry's codes_2018_fusionnes.
select distinct trim(old) as code_ancien, code_commune as code_nouveau
from stg_communes_geometrie, unnest(regexp_split_to_array(codes_2018_fusionnes, '[,;| ]+')) t(old)
where codes_2018_fusionnes is not null and trim(old) <> ''
