-- Every name under which a COG 2026 commune may appear in a source, normalised (macro nom_normalise):
-- its current name, and its former names (renamed communes, communes merged into it) with a note.
select r.code_commune, r.nom_commune as nom, nom_normalise(r.nom_commune) as nom_normalise, null::varchar as note
from stg_communes_reference r
union all
select a.code_commune, a.ancien_nom, nom_normalise(a.ancien_nom),
  'ancien nom « ' || a.ancien_nom || ' » (' || a.code_ancien || ', ' || a.evenement || coalesce(', ' || a.date_effet, '') || ') : commune du COG 2026 ' || r.nom_commune || ' (' || a.code_commune || ')'
from stg_communes_anciens_noms a
join stg_communes_reference r using (code_commune)
