-- Census 2018 counts from the 2022 comparateur (COG 2021 codes); weighted estimates, decimals are normal.
select CODGEO as code_geo, P18_ACT1564 as actifs_15_64, P18_CHOM1564 as chomeurs_15_64,
  coalesce(P18_ACT1564_statut, P18_CHOM1564_statut) as statut, _line
from raw_comparateur_2022
