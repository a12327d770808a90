select codgeo as code_arrondissement, l_ar as libelle_court, l_aroff as nom_officiel, surface_m2, _line
from raw_paris_arrondissements
