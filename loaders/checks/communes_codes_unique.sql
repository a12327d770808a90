-- Chaque code commune a 5 caractères et n'apparaît qu'une fois.
select code_commune, count(*) as n from mart_communes
group by code_commune
having count(*) > 1 or length(code_commune) <> 5
