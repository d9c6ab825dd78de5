/** Words the generator builds names, issues, statements and articles from. Invented places, plausible shapes. */

export const firstNames = [
  'Anna', 'Andriy', 'Boris', 'Bohdan', 'Catherine', 'Carlos', 'Dmytro', 'Daria', 'Elena', 'Emil', 'Fatima', 'Felix',
  'Galina', 'Georg', 'Hanna', 'Hugo', 'Irina', 'Ivan', 'Julia', 'Jakub', 'Kateryna', 'Kirill', 'Lena', 'Lukas',
  'Maria', 'Mykola', 'Nadia', 'Nikolai', 'Olena', 'Oleksandr', 'Pavel', 'Petra', 'Roman', 'Rosa', 'Sergei', 'Sofia',
  'Taras', 'Tatiana', 'Viktor', 'Vera', 'Yulia', 'Yuri', 'Zofia', 'Zoran', 'Alexei', 'Amelia', 'Bjorn', 'Clara',
  'Dmitry', 'Eva', 'Franz', 'Greta', 'Hector', 'Ines', 'Jonas', 'Karin', 'Leon', 'Mila', 'Nils', 'Olga', 'Piotr',
  'Quentin', 'Rasmus', 'Sabine', 'Tomas', 'Ulrike', 'Vadim', 'Wanda', 'Xavier', 'Yaroslav', 'Zinaida', 'Ahmet',
  'Beatrix', 'Cem', 'Dorota', 'Emre', 'Filip', 'Goran', 'Helga', 'Ilya', 'Jan', 'Kamil', 'Laszlo', 'Marek',
  'Natalia', 'Orest', 'Pilar', 'Radek', 'Stepan', 'Teodor', 'Ursula', 'Vasyl', 'Wojciech', 'Yevhen', 'Zakhar',
];

export const lastNames = [
  'Kovalenko', 'Shevchenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Oliynyk', 'Lysenko', 'Marchenko',
  'Petrov', 'Ivanov', 'Smirnov', 'Volkov', 'Sokolov', 'Popov', 'Lebedev', 'Kozlov', 'Novikov', 'Morozov', 'Pavlov',
  'Schmidt', 'Muller', 'Weber', 'Fischer', 'Wagner', 'Becker', 'Hoffmann', 'Schulz', 'Koch', 'Richter', 'Novak',
  'Horvat', 'Kowalski', 'Nowak', 'Wisniewski', 'Wojcik', 'Kaminski', 'Lewandowski', 'Zielinski', 'Szymanski',
  'Dubois', 'Laurent', 'Moreau', 'Lefebvre', 'Garcia', 'Martinez', 'Rossi', 'Bianchi', 'Romano', 'Costa', 'Silva',
  'Jensen', 'Nielsen', 'Hansen', 'Larsen', 'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Virtanen',
  'Korhonen', 'Makinen', 'Nagy', 'Toth', 'Szabo', 'Kiss', 'Popescu', 'Ionescu', 'Dimitrov', 'Georgiev', 'Yilmaz',
  'Kaya', 'Demir', 'Sahin', 'Celik', 'Tkach', 'Hrytsenko', 'Zelenko', 'Yaremchuk', 'Savchenko', 'Rudenko',
  'Danylenko', 'Kuzmenko', 'Pavlenko', 'Vlasenko', 'Stepanenko', 'Yakovenko', 'Harrison', 'Whitfield', 'Brennan',
  'Callahan', 'Donovan', 'Fletcher', 'Grayson', 'Holloway', 'Kensington', 'Lockwood', 'Merriweather', 'Prescott',
];

/** Invented states and regions, so generated data never reads as a claim about a real one. */
export const countries = [
  'Varnia', 'Ostrelia', 'Kaldonia', 'Mervania', 'Dravina', 'Soltara', 'Brenmark', 'Istavia', 'Lutheria', 'Pellona',
  'Quorvia', 'Rastovia', 'Tessaly', 'Umbria Nova', 'Valdora', 'Westmarch', 'Yarovia', 'Zemlya', 'Arkadia', 'Belovia',
  'Corvinia', 'Dunmora', 'Estovia', 'Falkreach', 'Galdovia', 'Hallvard', 'Ilyria', 'Jorvik', 'Karsovia', 'Lombaria',
];

export const regions = ['Eastern', 'Western', 'Northern', 'Southern', 'Central', 'Coastal', 'Upper', 'Lower'];

export const cities = [
  'Veldan', 'Ostrov', 'Karsk', 'Merin', 'Dravgrad', 'Solis', 'Brennport', 'Istav', 'Lutz', 'Pellgrad', 'Rastov',
  'Tessa', 'Valdor', 'Yarograd', 'Zemsk', 'Arkhaven', 'Belgrad Nova', 'Corvin', 'Dunmore', 'Estgrad', 'Geneva',
  'Istanbul', 'Riyadh', 'Vienna', 'Helsinki', 'Oslo', 'Doha', 'Abu Dhabi', 'Warsaw', 'Berlin', 'Paris', 'Rome',
];

export const organisationKinds = [
  'Ministry of Foreign Affairs', 'Ministry of Defence', 'Ministry of Energy', 'Security Council', 'National Bank',
  'Parliament', 'Presidential Office', 'General Staff', 'Border Guard Service', 'Investment Fund', 'Energy Agency',
  'Human Rights Commission', 'Chamber of Commerce', 'Central Election Commission', 'Intelligence Directorate',
];

export const groupKinds = ['Coalition', 'Alliance', 'Union', 'Movement', 'Contact Group', 'Forum', 'Bloc', 'Front'];
export const groupAdjectives = ['Democratic', 'Northern', 'Free', 'United', 'Patriotic', 'Atlantic', 'Baltic', 'Green', 'Civic', 'National'];

export const issueHeads = [
  'Ceasefire', 'Withdrawal of troops', 'Membership in the alliance', 'Sanctions relief', 'Prisoner exchanges',
  'Security guarantees', 'Elections', 'Reconstruction funding', 'Control of the nuclear plant', 'Grain exports',
  'Arms supplies', 'Peacekeeping mission', 'Territorial concessions', 'Limits on armed forces', 'Energy transit',
  'Frozen assets', 'War crimes tribunal', 'Return of deported children', 'Demilitarised zone', 'Language rights',
  'Refugee returns', 'Border demarcation', 'Debt restructuring', 'Maritime corridor', 'Air defence systems',
  'Gas pipeline', 'Humanitarian corridors', 'Troop deployment', 'Referendum', 'Neutral status',
];

export const issueTails = [
  'in {region} {country}', 'for {country}', 'along the {country} border', 'between {country} and {country2}',
  'on the {region} front', 'under the {city} framework', 'for the {region} provinces', 'in the Black Sea',
  'before the {country} elections', 'in {city}',
];

export const proposalKinds = ['peace plan', 'framework', 'memorandum', 'counterproposal', 'roadmap', 'declaration', 'accord'];

export { eventKinds } from '../../src/vocabulary.js';
export const participantRoles = ['host', 'delegation head', 'envoy', 'observer', 'mediator', 'guest', null] as const;

export const outlets = [
  'The Varnian Times', 'Ostrelia Daily', 'Kaldonia Herald', 'Continental Wire', 'Meridian News', 'The Observer Post',
  'Eastern Review', 'Global Dispatch', 'Brenmark Courier', 'Harbour Gazette', 'Northern Ledger', 'Capital Chronicle',
  'The Evening Standard-Bearer', 'Atlas Agency', 'Pellona Press', 'Quorvia Today', 'Signal Radio', 'Frontline Weekly',
  'Valdora Voice', 'The Diplomat Review', 'Agence Continentale', 'Policy Monitor', 'Zemlya Telegraph', 'Arkadia Tribune',
];

export const titleOpeners = [
  'Talks stall over', 'Leaders clash on', 'New push for', 'Envoys discuss', 'Deadlock persists on', 'Breakthrough hoped on',
  'Allies divided over', 'Kremlin-style rebuff on', 'Parliament debates', 'Analysis: what next for', 'Inside the fight over',
];

// Statement clauses: "<subject> <modal> <verb> <object> <qualifier>".
export const subjects = [
  'the government', 'our country', 'the alliance', 'the delegation', 'the ministry', 'we', 'the president', 'the coalition',
  'the opposition', 'the council', 'our partners', 'the other side', 'the negotiators', 'the parliament', 'the army',
  'our people', 'the administration', 'the committee', 'the prime minister', 'the envoys',
];
export const modals = [
  'will', 'will not', 'cannot', 'must', 'must not', 'may', 'should', 'would', 'could', 'will never', 'would never',
  'might', 'can', 'should not', 'will soon',
];
export const verbs = [
  'accept', 'reject', 'support', 'oppose', 'consider', 'demand', 'negotiate', 'guarantee', 'postpone', 'discuss',
  'welcome', 'condemn', 'review', 'propose', 'block', 'finance', 'recognise', 'endorse', 'renegotiate', 'suspend',
];
export const objects = [
  'any freeze of the front line', 'the ceasefire agreement', 'sanctions relief', 'a prisoner exchange', 'security guarantees',
  'early elections', 'the reconstruction fund', 'control of the nuclear plant', 'the grain corridor', 'new arms deliveries',
  'a peacekeeping mission', 'territorial concessions', 'limits on the armed forces', 'the energy transit deal',
  'the use of frozen assets', 'a war crimes tribunal', 'the return of deported children', 'a demilitarised zone',
  'the language law', 'the maritime corridor', 'additional air defence systems', 'the gas pipeline project',
  'humanitarian corridors', 'the deployment of foreign troops', 'a referendum on the status', 'neutral status',
  'the peace plan', 'the revised framework', 'direct talks', 'a summit meeting',
];
export const qualifiers = [
  '', '', 'without security guarantees', 'before the elections', 'under current conditions', 'in the coming weeks',
  'as long as the occupation continues', 'at the next round of talks', 'unless the attacks stop', 'this year',
  'in any form', 'on these terms', 'once a ceasefire holds', 'with international monitoring', 'at any price',
];

export const fillerSentences = [
  'The talks took place behind closed doors.', 'Officials declined to comment further.',
  'The meeting lasted more than five hours.', 'Analysts said the positions remained far apart.',
  'Diplomats described the atmosphere as constructive.', 'No joint statement was issued afterwards.',
  'The next round is expected within weeks.', 'Fighting continued along several sections of the front.',
  'Markets reacted calmly to the news.', 'Both sides accused each other of delaying tactics.',
  'The proposal has not been published in full.', 'Several details of the plan were leaked to the press.',
  'Observers noted a shift in tone compared with previous talks.', 'The statement was published late in the evening.',
  'Humanitarian organisations called for restraint.', 'The envoys are expected to report back to their capitals.',
];

export const speakerNotes = ['a senior official', 'a diplomatic source', 'an unnamed adviser', 'a military spokesperson', 'a person familiar with the talks'];

export const roleTitles = ['President', 'Prime Minister', 'Minister', 'Spokesperson', 'Adviser', 'Envoy', 'Ambassador', 'Chief of Staff', 'Deputy Minister', 'Head', 'Member'];
