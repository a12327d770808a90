-- Published: INSEE localised unemployment rate by zone d'emploi, quarterly, 2003-T1 → 2023-T3.
select code_zone_emploi, nom_zone_emploi, trimestre, taux from stg_chomage_localise_ze order by code_zone_emploi, trimestre
