select ze2020 as code_zone_emploi, libze2020 as nom_zone_emploi, trimestre, taux_chomage_pct as taux, _line
from raw_chomage_localise_ze
