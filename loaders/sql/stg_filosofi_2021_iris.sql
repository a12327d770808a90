select IRIS as code_iris, DEC_TP6021 as taux_bas_revenus_declares, DEC_TP6021_statut as taux_bas_revenus_declares_statut,
  DEC_MED21 as revenu_declare_median, DEC_MED21_statut as revenu_declare_median_statut, DEC_NOTE21 as note_qualite, _line
from raw_filosofi_2021_iris
