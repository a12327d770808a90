-- Every row of the supply sources in one shape: its commune in the COG 2026 and how it was found,
-- its point and how it was obtained, its family. A row that cannot be placed in a commune of the
-- region keeps its place here with colonne/valeur/raison_rejet, and goes to the rejets table.
with anciens as ( -- pre-merger codes only (a renamed commune keeps its code)
  select a.code_ancien, a.code_commune, a.ancien_nom, a.evenement, a.date_effet, r.nom_commune
  from stg_communes_anciens_noms a join stg_communes_reference r using (code_commune)
  where a.code_ancien <> a.code_commune
),
france_services as (
  select 'france_services_2024' as source, f._line as ligne, f.id_site, f.nom, f.format_fs as type, f.code_commune_source,
    coalesce(r.code_commune, case when est_arrondissement_paris(f.code_commune_source) then code_paris() end, a.code_commune) as code_commune,
    case when est_arrondissement_paris(f.code_commune_source) then f.code_commune_source end as code_arrondissement,
    'code INSEE publié' as methode_commune,
    case
      when est_arrondissement_paris(f.code_commune_source) then 'arrondissement ' || f.code_commune_source || ' publié : compté dans Paris (' || code_paris() || ')'
      when r.code_commune is null and a.code_commune is not null
        then 'code ' || f.code_commune_source || ' (' || a.ancien_nom || ', ' || a.evenement || coalesce(' le ' || a.date_effet, '') || ') : site rattaché à ' || a.nom_commune || ' (' || a.code_commune || ')'
    end as note_commune,
    true as localisable,
    '2024-08-01' as millesime,
    case when coalesce(r.code_commune, case when est_arrondissement_paris(f.code_commune_source) then code_paris() end, a.code_commune) is null then 'insee_com' end as colonne_rejet,
    f.code_commune_source as valeur_rejet,
    case when coalesce(r.code_commune, case when est_arrondissement_paris(f.code_commune_source) then code_paris() end, a.code_commune) is null
      then 'code commune ' || f.code_commune_source || ' absent du COG 2026, des arrondissements de Paris et des communes fusionnées connues' end as raison_rejet
  from stg_france_services_2024 f
  left join stg_communes_reference r on r.code_commune = f.code_commune_source
  left join anciens a on a.code_ancien = f.code_commune_source
),
siae as (
  select 'siae_2019', s._line, s.siret, s.nom, s.mesure, null::varchar,
    m.code_commune, m.code_arrondissement,
    case when m.code_arrondissement is not null then 'code postal et arrondissement du nom' else 'code postal et nom de commune' end,
    concat_ws(' ; ', 'écrit « ' || s.nom_commune_source || ' », code postal ' || s.code_postal, m.note,
      case when s.departement_conventionnement <> '0' || left(s.code_postal, 2) then 'conventionnée par le département ' || s.departement_conventionnement end),
    true,
    '2019-07',
    case when m.raison is not null then case when m.raison like 'siège hors%' or m.raison like 'code postal%' then 'CODE_POSTAL' else 'COMMUNE' end end,
    case when m.raison is not null then case when m.raison like 'siège hors%' or m.raison like 'code postal%' then s.code_postal else s.nom_commune_source end end,
    m.raison
  from stg_siae_2019 s
  join int_siae_communes m using (_line)
),
france_travail as (
  select 'france_travail_2019', t._line, t.id_site, t.nom, t.type_site, null::varchar,
    p.code_commune_point, p.code_arrondissement_point,
    'contour de commune contenant le point publié',
    'écrit « ' || t.nom_commune_source || ' », code postal ' || t.code_postal,
    true,
    '2019-11',
    case when p.code_commune_point is null then 'CODE_POSTAL' end,
    case when p.code_commune_point is null then t.code_postal end,
    case when p.code_commune_point is null
      then 'site hors Île-de-France : code postal ' || t.code_postal || ' (« ' || t.nom_commune_source || ' ») et point publié (' || replace(t.latitude::varchar, '.', ',') || ' ; ' || replace(t.longitude::varchar, '.', ',')
        || ') hors de toute commune de la région, bien que la source le classe en région ' || t.code_region end
  from stg_france_travail_2019 t
  left join stg_points p on p.source = 'france_travail_2019' and p._line = t._line
),
structures as ( -- already checked by the structures model (loaders/structures.ts): commune codes are COG 2026
  select s.source, s._line, s.id, s.nom, s.type, s.code_commune,
    s.code_commune, p.code_arrondissement_point,
    case when s.code_commune is not null then 'code INSEE publié' end,
    case when not s.localisable then 'structure d''échelle ' || s.echelle || ' : pas de lieu précis' end,
    s.localisable,
    s.date_information,
    null::varchar, null::varchar, null::varchar
  from stg_structures s
  left join stg_points p on p.source = s.source and p._line = s._line
),
tous as (
  select * from france_services
  union all select * from siae
  union all select * from france_travail
  union all select * from structures
)
select t.source, t.ligne, t.id_site, t.nom, t.type, ty.libelle as libelle_type, ty.famille,
  t.code_commune, t.code_arrondissement, t.code_commune_source, t.methode_commune, t.note_commune,
  coalesce(p.longitude, ca.longitude, cc.longitude) as longitude,
  coalesce(p.latitude, ca.latitude, cc.latitude) as latitude,
  coalesce(p.x_km, ca.x_km, cc.x_km) as x_km,
  coalesce(p.y_km, ca.y_km, cc.y_km) as y_km,
  case
    when p.x_km is not null then 'publiees'
    when ca.x_km is not null then 'centroide_arrondissement'
    when cc.x_km is not null then 'centroide_commune'
    else 'non_localisable'
  end as origine_coordonnees,
  -- a site counts in distances when it receives the public and has a place (not an EPT- or region-wide programme)
  coalesce(ty.accueil_public, false) and coalesce(p.x_km, ca.x_km, cc.x_km) is not null as compte_distances,
  coalesce(ty.mobile, false) as mobile,
  t.millesime, t.colonne_rejet, t.valeur_rejet, t.raison_rejet
from tous t
left join ref_types_sites ty on ty.source = t.source and ty.type = t.type
left join stg_points p on p.source = t.source and p._line = t.ligne
left join stg_centroides ca on ca.niveau = 'arrondissement' and ca.code = t.code_arrondissement and p.x_km is null
left join stg_centroides cc on cc.niveau = 'commune' and cc.code = t.code_commune and t.raison_rejet is null
  and t.localisable -- a programme known only by its département, EPT or region is not placed at a centroid
order by t.source, t.ligne
