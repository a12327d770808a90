-- The commune of each SIAE seat, found without guessing. The postcode gives the candidate communes
-- (their La Poste postcodes in the COG 2026 file); the normalised name must be the name, or a former
-- name, of exactly one of them. Paris is written "PARIS 19": the commune is 75056 and the
-- arrondissement comes from the postcode (750NN → 751NN, 75116 as published), checked against the
-- number in the name. Anything else is a reject with its reason: never the nearest spelling.
with siae as (
  select _line, code_postal, nom_commune_source, nom_normalise(nom_commune_source) as nom_n,
    regexp_matches(nom_normalise(nom_commune_source), '^PARIS( [0-9]{1,2}( ?(E|EME|ER|ERE))?)?( ARRONDISSEMENT)?$') as ecrit_paris
  from stg_siae_2019
),
paris as (
  select s._line,
    nullif(regexp_extract(s.nom_n, '^PARIS ([0-9]{1,2})', 1), '')::integer as n_nom,
    numero_arrondissement_postal(s.code_postal) as n_postal
  from siae s
  where s.ecrit_paris
),
candidats as ( -- the communes of the postcode, with every name they go by
  select s._line, n.code_commune, n.nom, n.note
  from siae s
  join int_codes_postaux p using (code_postal)
  join int_noms_communes n on n.code_commune = p.code_commune and n.nom_normalise = s.nom_n
  where not s.ecrit_paris
),
trouves as (
  select _line, count(distinct code_commune) as n, min(code_commune) as code_commune, min(note) as note,
    string_agg(distinct nom || ' (' || code_commune || ')', ', ' order by nom || ' (' || code_commune || ')') as communes
  from candidats group by _line
),
communes_du_code as (
  select p.code_postal, string_agg(r.nom_commune || ' (' || r.code_commune || ')', ', ' order by r.nom_commune) as communes
  from int_codes_postaux p join stg_communes_reference r using (code_commune)
  group by p.code_postal
)
select s._line, s.code_postal, s.nom_commune_source,
  case
    when s.ecrit_paris and pa.n_postal is not null and (pa.n_nom is null or pa.n_nom = pa.n_postal) then code_paris()
    when not s.ecrit_paris and t.n = 1 then t.code_commune
  end as code_commune,
  case when s.ecrit_paris and pa.n_postal is not null and (pa.n_nom is null or pa.n_nom = pa.n_postal) then code_arrondissement_paris(pa.n_postal) end as code_arrondissement,
  case when not s.ecrit_paris and t.n = 1 then t.note end as note,
  case
    when left(s.code_postal, 2) not in ('75', '77', '78', '91', '92', '93', '94', '95') -- the seat, not the agreement, says where the site is
      then 'siège hors Île-de-France : code postal ' || s.code_postal || ' (département ' || left(s.code_postal, 2) || '), « ' || s.nom_commune_source || ' » ; la structure n''est pas située dans la région'
    when s.ecrit_paris and pa.n_postal is null
      then 'Paris écrit « ' || s.nom_commune_source || ' » mais le code postal ' || s.code_postal || ' n''est pas celui d''un arrondissement (75001 à 75020, 75116)'
    when s.ecrit_paris and pa.n_nom <> pa.n_postal
      then 'le nom indique le ' || pa.n_nom || 'e arrondissement mais le code postal ' || s.code_postal || ' le ' || pa.n_postal || 'e : arrondissement incertain'
    when s.ecrit_paris then null
    when c.code_postal is null
      then 'code postal ' || s.code_postal || ' inconnu : aucune commune d''Île-de-France du COG 2026 n''a ce code postal'
    when t.n is null
      then 'aucune commune du code postal ' || s.code_postal || ' ne s''appelle « ' || s.nom_commune_source || ' », ni sous un ancien nom (communes de ce code postal : ' || c.communes || ')'
    when t.n > 1
      then 'plusieurs communes du code postal ' || s.code_postal || ' répondent au nom « ' || s.nom_commune_source || ' » : ' || t.communes
  end as raison
from siae s
left join paris pa using (_line)
left join trouves t using (_line)
left join communes_du_code c on c.code_postal = s.code_postal
order by s._line
