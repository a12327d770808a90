-- La Poste postcodes of each COG 2026 commune (and of each Paris arrondissement), one row per
-- (postcode, commune), from the COG 2026 file's codes_postaux.
select distinct trim(cp) as code_postal, code as code_commune
from stg_communes_population_2026, unnest(string_split(codes_postaux, '|')) t(cp)
where type = 'commune-actuelle' and trim(cp) <> '' -- arrondissements: Paris carries every 750xx itself
