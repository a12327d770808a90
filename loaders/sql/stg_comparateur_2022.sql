-- Census 2018 counts from the 2022 comparateur (COG 2021 codes); weighted estimates, decimals are normal.
-- Also Filosofi 2019's median, read only to examine a candidate indicator (mart_indicateurs_candidats).
select CODGEO as code_geo, P18_ACT1564 as actifs_15_64, P18_CHOM1564 as chomeurs_15_64,
  coalesce(P18_ACT1564_statut, P18_CHOM1564_statut) as statut,
  P18_POP1564 as population_15_64, P18_POP1564_statut as population_15_64_statut,
  P18_RP as residences_principales, P18_RP_PROP as residences_proprietaires,
  coalesce(P18_RP_statut, P18_RP_PROP_statut) as residences_statut,
  P18_POP as population_2018, P13_POP as population_2013, P18_LOG as logements, P18_LOGVAC as logements_vacants,
  P18_EMPLT as emplois, MED19 as niveau_vie_median_2019,
  _line
from raw_comparateur_2022
