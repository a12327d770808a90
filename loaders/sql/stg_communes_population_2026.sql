-- COG 2026 units with their legal population: communes actuelles and Paris arrondissements.
select code, nom, type, commune_parent, departement as code_departement, population, codes_postaux, _line
from raw_communes_population_2026
