-- Published: the 1,266 communes of the COG 2025/2026 with their memberships and population 2023.
select
  code_commune,
  nom_commune,
  code_departement,
  nom_departement,
  code_couronne,
  case code_couronne when 'paris' then 'Paris' when 'petite_couronne' then 'Petite couronne' else 'Grande couronne' end as nom_couronne,
  population,
  round(surface_m2 / 1e6, 2) as surface_km2,
  round(population / (surface_m2 / 1e6), 1) as densite,
  code_epci,
  nom_epci,
  code_ept,
  nom_ept,
  code_zone_emploi,
  nom_zone_emploi,
  code_bassin,
  nom_bassin
from int_communes
order by code_commune
