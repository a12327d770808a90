select code_commune_insee as code_commune, code_bassin_BMO as code_bassin, lib_bassin_BMO as nom_bassin, _line
from raw_bassins_bmo_2024
