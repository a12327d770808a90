-- The reference commune table with its couronne and official surface.
select
  r.code_commune,
  r.nom_commune,
  r.code_departement,
  r.nom_departement,
  -- Couronne: Paris (75), petite couronne (92, 93, 94), grande couronne (77, 78, 91, 95).
  case
    when r.code_departement = '75' then 'paris'
    when r.code_departement in ('92', '93', '94') then 'petite_couronne'
    else 'grande_couronne'
  end as code_couronne,
  r.population,
  s.surface_m2,
  r.code_epci,
  r.nom_epci,
  r.code_ept,
  -- Paris is T1 on EPT maps for completeness, but it is a collectivité à statut particulier, not an EPT.
  case when r.code_ept = 'T1' then 'Paris (Ville de Paris, pas un EPT)' else r.nom_ept end as nom_ept,
  r.code_zone_emploi,
  r.nom_zone_emploi,
  r.code_bassin,
  r.nom_bassin
from stg_communes_reference r
left join stg_communes_surface s using (code_commune)
