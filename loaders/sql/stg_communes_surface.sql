select codgeo as code_commune, surface_m2, _line from raw_communes_surface
