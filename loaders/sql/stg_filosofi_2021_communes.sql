-- Filosofi 2021 by commune or arrondissement (COG 2023 codes): rename only; *_statut keeps s/ns/nd/so.
select
  CODGEO as code_geo,
  NBPERSMENFISC21 as personnes, NBPERSMENFISC21_statut as personnes_statut,
  MED21 as niveau_vie_median, MED21_statut as niveau_vie_median_statut,
  TP6021 as taux_pauvrete, TP6021_statut as taux_pauvrete_statut,
  TP60AGE121 as taux_pauvrete_moins_30, TP60AGE121_statut as taux_pauvrete_moins_30_statut,
  TP60TOL221 as taux_pauvrete_locataires, TP60TOL221_statut as taux_pauvrete_locataires_statut,
  PPMINI21 as part_minima_sociaux, PPMINI21_statut as part_minima_sociaux_statut,
  PPLOGT21 as part_prestations_logement, PPLOGT21_statut as part_prestations_logement_statut,
  RD21 as rapport_interdecile, RD21_statut as rapport_interdecile_statut,
  _line
from raw_filosofi_2021_communes
