-- Chaque ligne de la liste des France services est publiée dans une commune du référentiel COG 2026 (arrondissements rattachés à Paris, 93059 à Saint-Denis) : aucune n'est rejetée.
select f._line, f.code_commune_source, s.code_commune
from stg_france_services_2024 f
left join mart_sites s on s.source = 'france_services_2024' and s.ligne = f._line
left join stg_communes_reference r on r.code_commune = s.code_commune
where r.code_commune is null
