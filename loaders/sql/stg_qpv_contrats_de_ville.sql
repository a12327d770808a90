select code_cv as code_contrat, lib_cv as nom_contrat, codgeo_source as code_signataire, type_codgeo as type_signataire,
  insee_dep as code_departement, pop_municipale_en_qpv_rp2018 as population_qpv, _line
from raw_qpv_contrats_de_ville
