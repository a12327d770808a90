select dispositif, annee, id_poste, raison_sociale, montant_eur as montant, code_cv as code_contrat, insee_dep as code_departement, _line
from raw_postes_politique_ville
