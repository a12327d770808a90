-- Chaque ligne de la table complémentaire se rattache à une aide (clé connue), et chaque commune ou arrondissement d'action existe.
select c.cle from stg_aides_complements c
where c.cle not in (select cle from stg_aides_region_2019_rapport)
  or (c.code_commune_action is not null and c.code_commune_action not in (select code_commune from int_communes))
  or (c.code_arrondissement_action is not null and c.code_arrondissement_action not in (select code_arrondissement from stg_paris_arrondissements))
