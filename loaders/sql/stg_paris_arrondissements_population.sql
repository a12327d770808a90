select codgeo as code_arrondissement, nom as nom_arrondissement, commune as code_commune, population_municipale as population, _line
from raw_paris_arrondissements_population
