-- Published: every site of the supply layer loaded (rows set aside are in the rejets table), with its
-- family, its commune in the COG 2026 and how it was found, its point and how it was obtained, its
-- vintage and licence (the source's, from the registry).
select s.source, s.ligne, s.id_site, s.nom, s.type, s.libelle_type, s.famille,
  s.code_commune, r.nom_commune, s.code_arrondissement, s.code_commune_source, s.methode_commune, s.note_commune,
  round(s.longitude, 6) as longitude, round(s.latitude, 6) as latitude, s.origine_coordonnees,
  case when s.compte_distances then 'oui' else 'non' end as compte_distances,
  case when s.mobile then 'oui' else 'non' end as mobile, s.millesime,
  -- a point derived from the arrondissement contours (© Ville de Paris) carries their ODbL
  src.licence || case when s.origine_coordonnees = 'centroide_arrondissement' then ' ; point : centroïde d''arrondissement, ODbL (contours © Ville de Paris)' else '' end as licence
from int_sites s
left join stg_communes_reference r using (code_commune)
left join ref_sources src on src.source = s.source
where s.raison_rejet is null
order by s.source, s.ligne
