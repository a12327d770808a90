-- Ville de Paris : toutes les subventions publiées sont de 40 000 € ou plus (le seuil des fichiers, écrit à côté de chaque chiffre).
select id_aide, montant from mart_aides_harmonisees where financeur = 'ville_paris' and montant < 40000
