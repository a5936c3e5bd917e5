import type { CaseKind, DeadlineKind, Priority } from '../schemas/common';

/** The demo city's services and their natures (GLOSSARY.md), with made-up subjects. */
export interface DemoCategory {
  code: string;
  label: string;
  kind: CaseKind;
  days: number;
  deadlineKind: DeadlineKind;
  priority: Priority;
  subjects: string[];
}

export interface DemoDepartment {
  code: string;
  name: string;
  categories: DemoCategory[];
}

const cat = (
  code: string,
  label: string,
  kind: CaseKind,
  days: number,
  deadlineKind: DeadlineKind,
  subjects: string[],
  priority: Priority = 'normal',
): DemoCategory => ({ code, label, kind, days, deadlineKind, priority, subjects });

export const demoDepartments: DemoDepartment[] = [
  { code: 'VOIRIE', name: 'Voirie', categories: [
    cat('voirie-nid-de-poule', 'Nid-de-poule', 'report', 10, 'working', ['Nid-de-poule dangereux', 'Chaussée défoncée', 'Trou sur la voie cyclable']),
    cat('voirie-trottoir', 'Trottoir dégradé', 'report', 15, 'working', ['Trottoir soulevé par des racines', 'Bordure cassée', 'Dalles descellées']),
    cat('voirie-signalisation', 'Signalisation abîmée', 'report', 5, 'working', ['Panneau stop tordu', 'Marquage au sol effacé', 'Feu tricolore en panne'], 'high'),
    cat('voirie-travaux', 'Information sur des travaux', 'request', 10, 'working', ['Durée des travaux rue', 'Accès riverains pendant les travaux']),
  ] },
  { code: 'PROPRETE', name: 'Propreté urbaine', categories: [
    cat('proprete-depot-sauvage', 'Dépôt sauvage', 'report', 3, 'working', ['Encombrants abandonnés', 'Sacs poubelles sur le trottoir', 'Gravats déposés']),
    cat('proprete-tag', 'Tag / graffiti', 'report', 5, 'working', ['Tag sur une façade', 'Graffiti sur un abribus']),
    cat('proprete-corbeille', 'Corbeille pleine', 'report', 2, 'working', ['Corbeille qui déborde', 'Corbeille cassée']),
    cat('proprete-collecte', 'Collecte des déchets', 'complaint', 10, 'working', ['Bac non collecté', 'Demande de nouveau bac']),
  ] },
  { code: 'ECLAIRAGE', name: 'Éclairage public', categories: [
    cat('eclairage-lampadaire', 'Lampadaire éteint', 'report', 5, 'working', ['Lampadaire éteint', 'Rue plongée dans le noir', 'Lampadaire qui clignote']),
    cat('eclairage-horaires', 'Horaires d’éclairage', 'request', 15, 'working', ['Éclairage allumé en journée', 'Extinction trop tôt']),
  ] },
  { code: 'ESPACES-VERTS', name: 'Espaces verts', categories: [
    cat('ev-arbre-dangereux', 'Arbre dangereux', 'report', 2, 'calendar', ['Branche menaçant de tomber', 'Arbre penché après la tempête'], 'urgent'),
    cat('ev-entretien-parc', 'Entretien d’un parc', 'report', 15, 'working', ['Pelouse non tondue', 'Jeux pour enfants abîmés', 'Banc cassé']),
    cat('ev-elagage', 'Demande d’élagage', 'request', 30, 'calendar', ['Haie débordant sur le trottoir', 'Arbre masquant un panneau']),
  ] },
  { code: 'ETAT-CIVIL', name: 'État civil', categories: [
    cat('ec-acte-naissance', 'Copie d’acte de naissance', 'request', 5, 'working', ['Copie intégrale d’acte de naissance', 'Extrait avec filiation']),
    cat('ec-mariage', 'Dossier de mariage', 'request', 30, 'calendar', ['Constitution du dossier de mariage', 'Publication des bans']),
    cat('ec-deces', 'Acte de décès', 'request', 5, 'working', ['Copie d’acte de décès']),
    cat('ec-reconnaissance', 'Reconnaissance anticipée', 'request', 10, 'working', ['Rendez-vous de reconnaissance anticipée']),
  ] },
  { code: 'SCOLAIRE', name: 'Affaires scolaires et périscolaires', categories: [
    cat('scol-cantine', 'Inscription à la cantine', 'request', 10, 'working', ['Inscription à la restauration scolaire', 'Régime alimentaire particulier']),
    cat('scol-inscription', 'Inscription scolaire', 'request', 15, 'working', ['Première inscription en maternelle', 'Changement d’école']),
    cat('scol-periscolaire', 'Accueil périscolaire', 'request', 10, 'working', ['Inscription à la garderie du matin', 'Centre de loisirs du mercredi']),
  ] },
  { code: 'SPORTS', name: 'Sports (piscines)', categories: [
    cat('sports-piscine', 'Réclamation piscine', 'complaint', 15, 'working', ['Eau trop froide', 'Vestiaires sales', 'Créneau supprimé']),
    cat('sports-equipement', 'Équipement sportif', 'report', 10, 'working', ['Filet de tennis déchiré', 'Éclairage du stade en panne']),
    cat('sports-avis', 'Avis sur un équipement', 'feedback', 20, 'working', ['Bravo pour la nouvelle piscine', 'Suggestion d’horaires']),
  ] },
  { code: 'CULTURE', name: 'Culture (bibliothèques, médiathèque)', categories: [
    cat('culture-inscription', 'Inscription à la médiathèque', 'request', 5, 'working', ['Carte de lecteur', 'Renouvellement d’abonnement']),
    cat('culture-avis', 'Avis sur la médiathèque', 'feedback', 20, 'working', ['Horaires d’ouverture', 'Suggestion d’achat']),
    cat('culture-reclamation', 'Réclamation médiathèque', 'complaint', 15, 'working', ['Pénalité de retard contestée']),
  ] },
  { code: 'CCAS', name: 'CCAS (action sociale)', categories: [
    cat('ccas-aide', 'Demande d’aide', 'request', 10, 'working', ['Aide alimentaire', 'Aide au paiement des factures', 'Domiciliation']),
    cat('ccas-portage', 'Portage de repas', 'request', 5, 'working', ['Portage de repas à domicile']),
    cat('ccas-teleassistance', 'Téléassistance', 'request', 10, 'working', ['Installation de téléassistance']),
  ] },
  { code: 'URBANISME', name: 'Urbanisme', categories: [
    cat('urba-dp', 'Renseignement sur une déclaration préalable', 'request', 20, 'working', ['Pose d’une clôture', 'Changement de fenêtres', 'Abri de jardin']),
    cat('urba-pc', 'Renseignement sur un permis de construire', 'request', 20, 'working', ['Extension de maison', 'Surélévation']),
    cat('urba-infraction', 'Construction non déclarée', 'report', 30, 'working', ['Construction sans autorisation chez un voisin']),
  ] },
  { code: 'POLICE', name: 'Police municipale', categories: [
    cat('pm-stationnement', 'Stationnement gênant', 'report', 1, 'calendar', ['Voiture sur le trottoir', 'Véhicule ventouse', 'Sortie de garage bloquée'], 'high'),
    cat('pm-bruit', 'Nuisance sonore', 'report', 3, 'calendar', ['Musique forte la nuit', 'Aboiements incessants', 'Chantier avant 7 h']),
    cat('pm-objet-trouve', 'Objet trouvé', 'request', 10, 'working', ['Portefeuille perdu', 'Clés trouvées']),
  ] },
  { code: 'EAU', name: 'Eau et assainissement', categories: [
    cat('eau-fuite', 'Fuite d’eau sur la voie publique', 'report', 2, 'calendar', ['Fuite d’eau sur la chaussée', 'Bouche d’égout qui déborde'], 'urgent'),
    cat('eau-facture', 'Facture d’eau', 'complaint', 15, 'working', ['Facture anormalement élevée', 'Changement de titulaire']),
    cat('eau-qualite', 'Qualité de l’eau', 'report', 5, 'working', ['Eau trouble au robinet', 'Goût de chlore']),
  ] },
];

export const firstNames = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Emma', 'Inès', 'Jade', 'Louise', 'Alice', 'Lina', 'Sarah', 'Zoé', 'Juliette',
  'Anaïs', 'Élodie', 'Margaux', 'Clémence', 'Hélène', 'Nathalie', 'Isabelle', 'Sylvie', 'Françoise', 'Mireille',
  'Océane', 'Maëlys', 'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Arthur', 'Jules', 'Nathan', 'Raphaël', 'Léo', 'Adam',
  'Théo', 'Tom', 'Mathis', 'Enzo', 'Noé', 'Maël', 'Antoine', 'Benoît', 'Cédric', 'Denis', 'Étienne', 'François',
  'Gérard', 'Hervé', 'Jérôme', 'Karim', 'Laurent', 'Mohamed', 'Nicolas', 'Olivier', 'Pascal', 'Rémi', 'Stéphane',
  'Thierry', 'Yannick', 'Youssef', 'Aïcha', 'Fatou', 'Mélanie', 'Noémie', 'Agnès', 'Brigitte', 'Joël', 'Loïc',
];

export const lastNames = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon',
  'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont',
  'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefebvre', 'Faure', 'André', 'Mercier', 'Blanc',
  'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia', 'Perrin', 'Robin',
  'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson', 'Marchand', 'Duval',
  'Denis', 'Dumont', 'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier', 'Brun', 'Blanchard', 'Giraud',
  'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud', 'Martinez', 'Gérard', 'Roche', 'Renard',
  'Schmitt', 'Roy', 'Leroux', 'Colin', 'Vidal', 'Caron', 'Picard', 'Roger', 'Fabre', 'Aubert', 'Lemoine', 'Benali',
  'Nguyen', 'Diallo', 'Traoré', 'Le Gall', 'Kerbrat', 'Da Silva', 'Pereira', 'Haddad',
];

export const streetTypes = ['rue', 'avenue', 'boulevard', 'place', 'allée', 'impasse', 'chemin', 'quai', 'cours'];

export const streetNames = [
  'de la République', 'Victor-Hugo', 'Jean-Jaurès', 'de la Gare', 'du Marché', 'des Écoles', 'Pasteur', 'Gambetta',
  'du Moulin', 'des Tilleuls', 'de la Liberté', 'Émile-Zola', 'des Acacias', 'du Général-de-Gaulle', 'Jules-Ferry',
  'de l’Église', 'des Lilas', 'du Stade', 'de la Paix', 'Voltaire', 'des Peupliers', 'Louise-Michel', 'Simone-Veil',
  'du Château', 'des Vignes', 'de la Fontaine', 'Marie-Curie', 'Jean-Moulin', 'des Roses', 'de Verdun',
  'Anatole-France', 'du Port', 'des Cerisiers', 'Aristide-Briand', 'de la Mairie', 'Saint-Exupéry', 'des Écluses',
];

/** A made-up city: no real person, address or case. */
export const demoCity = { name: 'Rivebelle', postalCodes: ['45210', '45211', '45212'], latitude: 47.9, longitude: 1.9 };

export const descriptionSentences = [
  'L’usager signale la situation depuis plusieurs jours.',
  'Demande transmise à l’accueil de la mairie.',
  'Des riverains se sont déjà plaints.',
  'Merci de recontacter l’usager par téléphone.',
  'Situation constatée en fin de matinée.',
  'L’usager souhaite être tenu informé de la suite donnée.',
  'Photo disponible sur demande.',
  'Le problème gêne le passage des poussettes.',
  'Déjà signalé l’an dernier selon l’usager.',
  'Intervention souhaitée avant le week-end.',
];
