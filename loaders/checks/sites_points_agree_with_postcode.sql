-- Un site France Travail placé par son point publié tombe dans le département de son code postal : un point mal saisi (coordonnées inversées, autre région) ne passe pas inaperçu.
select s.ligne, s.id_site, t.code_postal, s.code_commune, c.code_departement
from mart_sites s
join stg_france_travail_2019 t on t._line = s.ligne
join stg_communes_reference c using (code_commune)
where s.source = 'france_travail_2019' and left(t.code_postal, 2) <> c.code_departement
