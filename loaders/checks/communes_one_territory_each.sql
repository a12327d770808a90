-- Chaque commune appartient à exactement un département, une zone d'emploi, un bassin et un EPCI, et a une population et une surface.
select code_commune from mart_communes
where code_departement is null or code_zone_emploi is null or code_bassin is null or code_epci is null
  or population is null or surface_km2 is null or surface_km2 <= 0
