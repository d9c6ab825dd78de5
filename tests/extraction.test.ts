/**
 * The extractor (src/extraction): each attribution pattern as a small case with exact offsets, the stance rules, the
 * speed target, and the dry-run CLI (`npm run extract -- --json`) on a temp file, on a seed article, on bad input, and
 * linked to an actor that exists only in the test database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { extract } from '../src/extraction/extract.js';
import { buildGazetteer } from '../src/extraction/gazetteer.js';
import type { Extraction } from '../src/extraction/model.js';
import type { Database } from '../src/neo4j/database.js';
import { seedGazetteer } from '../scripts/extraction-tools.js';
import { cypherWrite, testDatabase } from './support.js';

const gazetteer = buildGazetteer(
  [
    { id: 'yuri-ushakov', name: 'Yuri Ushakov', kind: 'PERSON', aliases: ['Ushakov'] },
    { id: 'dmitry-peskov', name: 'Dmitry Peskov', kind: 'PERSON', aliases: ['Peskov'] },
    { id: 'volodymyr-zelensky', name: 'Volodymyr Zelensky', kind: 'PERSON', aliases: ['Zelensky'] },
    { id: 'vladimir-putin', name: 'Vladimir Putin', kind: 'PERSON', aliases: ['Putin'] },
    { id: 'russia', name: 'Russia', kind: 'STATE', aliases: ['Moscow', 'the Kremlin'] },
    { id: 'nato', name: 'NATO', kind: 'ORGANIZATION', aliases: [] },
  ],
  [{ id: 'peace-settlement', name: 'Negotiated end to the war in Ukraine', aliases: ['peace plan'], description: null }],
);

/** Every offset slices to its text; returns the quotes as [text, speaker] pairs. */
function quotesOf(text: string, extraction: Extraction = extract(text, gazetteer)): Array<[string, string | null]> {
  for (const q of extraction.quotes) expect(text.slice(q.start, q.end)).toBe(q.text);
  for (const a of extraction.actors) for (const m of a.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  for (const s of extraction.stances) expect(text.slice(s.evidence_start, s.evidence_end)).toBe(s.evidence);
  return extraction.quotes.map((q) => [q.text, q.speaker]);
}

describe('quotations and their speakers', () => {
  it('said after the quotation, with a title before the name and a dash clause', () => {
    const text = '“The talks were useful,” Kremlin aide Yuri Ushakov — who took part in the talks — told reporters.';
    const extraction = extract(text, gazetteer);
    expect(quotesOf(text, extraction)).toEqual([['The talks were useful', 'Yuri Ushakov']]);
    expect(extraction.quotes[0]?.speakerId).toBe('yuri-ushakov');
  });

  it('said before the quotation, and the inverted "said X"', () => {
    const text = 'Opposition leader Marta Lindqvist said: "The budget will not pass in this form."\n\n"We are open to amendments on every line," said Jonas Berg, the finance minister.';
    expect(quotesOf(text)).toEqual([
      ['The budget will not pass in this form.', 'Marta Lindqvist'],
      ['We are open to amendments on every line', 'Jonas Berg'],
    ]);
  });

  it('a colon after a clause gives the quotation to the sentence’s subject', () => {
    const text = 'Opposition group leader Fiona Grant was having none of it: “This is a decision made in a spreadsheet.”';
    expect(quotesOf(text)).toEqual([['This is a decision made in a spreadsheet.', 'Fiona Grant']]);
  });

  it('"the minister" and "the aide" go back to the person an appositive gave that role', () => {
    const text =
      'Kristaps Ozols, the Latvian foreign minister, said investigators had traced the damage. “We will not wait for the next cut,” the minister said.\n\n' +
      'Yuri Ushakov, Putin’s foreign policy aide, said the talks were long. “But the channel works,” the aide said.';
    expect(quotesOf(text)).toEqual([
      ['We will not wait for the next cut', 'Kristaps Ozols'],
      ['But the channel works', 'Yuri Ushakov'],
    ]);
  });

  it('an institution speaks for its state: a possessive, a gazetteer name, a demonym, or "the ministry" named before', () => {
    const text =
      'Ukraine’s foreign ministry said any deal reached “without Ukraine at the table” would not be recognised.\n\n' +
      'A Kremlin statement said the talks were “useful and constructive.”\n\n' +
      'The Latvian foreign ministry said the ships would be “boarded and inspected.”\n\n' +
      'Norway’s fisheries ministry sees it differently. In a written response, the ministry said the quotas were “based on the best available science.”';
    expect(quotesOf(text)).toEqual([
      ['without Ukraine at the table', 'Ukraine'],
      ['useful and constructive.', 'Russia'],
      ['boarded and inspected.', 'Latvia'],
      ['based on the best available science.', 'Norway'],
    ]);
  });

  it('"said the group’s chair, Tom Reilly" is Tom Reilly; "X and Y announced" is jointly theirs', () => {
    const text = '“We are not finished,” said the group’s chair, Tom Reilly.\n\nWashington and Kyiv announced a new “refined peace framework” on Sunday.';
    expect(quotesOf(text)).toEqual([
      ['We are not finished', 'Tom Reilly'],
      ['refined peace framework', 'Washington and Kyiv'],
    ]);
  });

  it('a name wink tags as a verb, a question’s "she asked", and a quotation opening the paragraph after an introduction', () => {
    const text =
      'Anders Lie, who runs the plant, wrote that it would close. “I am not angry with the fishermen,” Lie insists.\n\n' +
      'Retired teacher Margaret Okoye, 74, said she used the branch every week.\n\n“Where will the children go now?” she asked.\n\n' +
      'Germany’s chancellor, Helmut Kessler, whose government pays most, positioned himself between the camps.\n\n“Everyone will have to move.”';
    expect(quotesOf(text)).toEqual([
      ['I am not angry with the fishermen', 'Anders Lie'],
      ['Where will the children go now?', 'Margaret Okoye'],
      ['Everyone will have to move.', 'Helmut Kessler'],
    ]);
  });

  it('a headline’s quotation takes the speaker the body gives those words; conjoined verbs keep the subject', () => {
    const text =
      '‘We will not wait for the next cut,’ Latvian minister says\n\n' +
      'RIGA — Latvia’s foreign minister, Kristaps Ozols, spoke on Monday after the second cable was cut in a month. “We will not wait for the next cut,” Ozols said.\n\n' +
      'Outgoing Prime Minister Rui Carvalho conceded defeat but warned that his party would not give the new government “a free pass.”';
    expect(quotesOf(text)).toEqual([
      ['We will not wait for the next cut', 'Kristaps Ozols'],
      ['We will not wait for the next cut', 'Kristaps Ozols'],
      ['a free pass.', 'Rui Carvalho'],
    ]);
  });

  it('a quotation split by its attribution is two quotes with one speaker', () => {
    const text = '"We are ready to meet as many times as needed," Peskov said, "but not at any price."';
    expect(quotesOf(text)).toEqual([
      ['We are ready to meet as many times as needed', 'Dmitry Peskov'],
      ['but not at any price.', 'Dmitry Peskov'],
    ]);
  });

  it('a quotation over paragraphs is one quote per paragraph, same speaker', () => {
    const text = '“The risk is too high for our members,” said Elena Marsh, who chairs the shippers’ association. “Nobody will sail without cover.\n\n“We asked for guarantees in writing and received only promises.”';
    expect(quotesOf(text)).toEqual([
      ['The risk is too high for our members', 'Elena Marsh'],
      ['Nobody will sail without cover.', 'Elena Marsh'],
      ['We asked for guarantees in writing and received only promises.', 'Elena Marsh'],
    ]);
  });

  it('a partial quote inside reported speech is a quote; scare quotes are not', () => {
    const text = 'Moscow said parts of the plan were "unacceptable." Critics call the route the "bread line," and the so-called "toll war" goes on.';
    const extraction = extract(text, gazetteer);
    expect(quotesOf(text, extraction)).toEqual([['unacceptable.', 'Russia']]);
    expect(extraction.quotes[0]?.partial).toBe(true);
    expect(extraction.quotes[0]?.speakerId).toBe('russia');
  });

  it('a pronoun and "he added" continue the speaker; a quotation with no attribution continues the previous one', () => {
    const text = 'Estrania’s chief negotiator, Mira Solberg, struck a hopeful tone. "There is a landing zone," she said. "It is narrow, but it is there."\n\nHe added nothing. Ushakov spoke next.\n\n"Our soldiers have changed the assessments of our partners," he added.';
    expect(quotesOf(text)).toEqual([
      ['There is a landing zone', 'Mira Solberg'],
      ['It is narrow, but it is there.', 'Mira Solberg'],
      ['Our soldiers have changed the assessments of our partners', 'Yuri Ushakov'],
    ]);
  });

  it('an anonymous speaker is their description, with no id; "the official" refers back to it', () => {
    const text = 'A senior NATO official, who asked not to be named, said the alliance was united. "Nobody is leaving the table," the official said.';
    const extraction = extract(text, gazetteer);
    expect(quotesOf(text, extraction)).toEqual([['Nobody is leaving the table', 'A senior NATO official']]);
    expect(extraction.quotes[0]).toMatchObject({ speakerId: null, speakerNote: 'A senior NATO official' });
  });

  it('"according to" names the speaker, straight single and curly double marks alike', () => {
    const text = "'Our navy patrols the route every day,' according to Turkish Defence Minister Hakan Ozturk. Mr. Ozturk said Turkey would escort convoys “if both parties request it.”";
    expect(quotesOf(text)).toEqual([
      ['Our navy patrols the route every day', 'Hakan Ozturk'],
      ['if both parties request it.', 'Hakan Ozturk'],
    ]);
  });

  it('a named person in apposition beats a role ending in a capitalised title', () => {
    const text = 'Solvik Energy\'s Chief Financial Officer, Ola Brekke, commented: "The financing was oversubscribed, which tells us a lot."';
    expect(quotesOf(text)).toEqual([['The financing was oversubscribed, which tells us a lot.', 'Ola Brekke']]);
  });

  it('a who-clause between the subject and its speech verb is skipped', () => {
    const text = 'Adam Nowak, Poland\'s minister for European affairs, who will chair several of the meetings, said Poland supported "a fast process, but an honest one."';
    expect(quotesOf(text)).toEqual([['a fast process, but an honest one.', 'Adam Nowak']]);
  });

  it('"it said" takes the organisation or state last the subject, not a person', () => {
    const text = 'Prime Minister Dorin Recean spoke first. Ukraine\'s energy ministry said it could send electricity but not gas. "Our own storage must be kept for our own people," it said.';
    expect(quotesOf(text)).toEqual([['Our own storage must be kept for our own people', 'Ukraine']]);
  });

  it('a verbless quotation after reported speech in its paragraph is that subject\'s, a pronoun subject resolved', () => {
    const text = 'Energy Minister Victor Parlicov said the government had approached suppliers in Romania. "Every offer is on the table."\n\nSandra Bright runs a florist\'s shop. She said the association would gather signatures. "We have done it before, and we won."';
    expect(quotesOf(text)).toEqual([
      ['Every offer is on the table.', 'Victor Parlicov'],
      ['We have done it before, and we won.', 'Sandra Bright'],
    ]);
  });

  it('a quotation block after an introducing line ending in a colon is the introduced person\'s, block by block', () => {
    const text = 'Quote from Terje Aasland, Minister of Energy:\n\n"Offshore wind will be an important part of our energy future."\n\nQuote from Hanna Lie, Mayor of Hammerfest:\n\n"This project will bring hundreds of jobs to our region."';
    expect(quotesOf(text)).toEqual([
      ['Offshore wind will be an important part of our energy future.', 'Terje Aasland'],
      ['This project will bring hundreds of jobs to our region.', 'Hanna Lie'],
    ]);
  });

  it('a role ending in an organisation yields to the person in apposition; a name with a particle is not its last place', () => {
    const text = 'A spokesman for the European Commission, Tim McPhie, said Brussels was "ready to help" but gave no figure. The stadium\'s operator, Consortium Stade de France, said it had made "a fair and generous offer" and accused the union of "taking football fans hostage."';
    expect(quotesOf(text)).toEqual([
      ['ready to help', 'Tim McPhie'],
      ['a fair and generous offer', 'Consortium Stade de France'],
      ['taking football fans hostage.', 'Consortium Stade de France'],
    ]);
  });

  it('a name the tokenizer splits at a letter it does not know stays whole', () => {
    const text = 'Adam Szłapka, the minister, said it was "a fast process, but an honest one."';
    expect(quotesOf(text)).toEqual([['a fast process, but an honest one.', 'Adam Szłapka']]);
  });

  it('a description keeps its place phrase; "the CGT union" is the organisation', () => {
    const text = '"Nobody wants to see a repeat of 2022," said one diplomat in Brussels, who asked not to be named.\n\n"We have already sold 3,000 packages," said a travel agent in Madrid who organises trips.\n\nThe CGT union said on Wednesday that staff would walk out. "They will not be the ones who pay for the party," the union said in a statement.';
    expect(quotesOf(text)).toEqual([
      ['Nobody wants to see a repeat of 2022', 'one diplomat in Brussels'],
      ['We have already sold 3,000 packages', 'a travel agent in Madrid'],
      ['They will not be the ones who pay for the party', 'CGT'],
    ]);
  });

  it('a parenthetical "he said" skips a sentence-initial common noun the text also writes in lower case', () => {
    const text = 'Dr Anil Mehta, a GP, raised concerns about patients who drive to appointments. Patients, he said, were "already anxious about the cost of everything."';
    expect(quotesOf(text)).toEqual([['already anxious about the cost of everything.', 'Anil Mehta']]);
  });

  it('a partial quotation with no speech verb is the person the sentence opens with, never a dateline', () => {
    const text = 'Olha Marchenko, speaking at a conference organised by a think tank, compared the process to "a marathon in which the finish line is moved every time we see it."\n\nNAIROBI — Small island states warned the deal would "condemn our people to live underwater."';
    expect(quotesOf(text)[0]).toEqual(['a marathon in which the finish line is moved every time we see it.', 'Olha Marchenko']);
    expect(quotesOf(text)[1]?.[1]).not.toBe('NAIROBI');
  });

  it('a name of several words ending in a place is not that place; "it said" reaches back one sentence only', () => {
    const text = 'A spokesperson for the fans\' group Football Supporters Europe said supporters had "paid a lot of money to be there" and deserved clarity. UEFA said it was following the situation. The interior ministry was silent for hours. It later issued a short note. "Security will not be compromised," it said.';
    const quotes = quotesOf(text);
    expect(quotes[0]).toEqual(['paid a lot of money to be there', 'Football Supporters Europe']);
    expect(quotes[1]).toEqual(['Security will not be compromised', null]);
  });

  it('"of" inside an organisation\'s name stays; after a title it does not', () => {
    const text = 'In a statement, the Confederation of British Industry said the measures were "a blow to growth." "We are ready," Secretary of State Marco Rubio said.';
    expect(quotesOf(text)).toEqual([
      ['a blow to growth.', 'Confederation of British Industry'],
      ['We are ready', 'Marco Rubio'],
    ]);
  });

  it('a title\'s "of <Country>" stays with the title; the person in apposition speaks; a mis-tagged first name stays', () => {
    expect(quotesOf('The deal is "a historic step for Europe," said the President of France, Emmanuel Macron.')).toEqual([['a historic step for Europe', 'Emmanuel Macron']]);
    expect(quotesOf('"We will not be bullied," Prime Minister of Canada Mark Carney told reporters.')).toEqual([['We will not be bullied', 'Mark Carney']]);
    expect(quotesOf('"The economy is slowing," said Rain Newton-Smith, the head of the lobby group.')).toEqual([['The economy is slowing', 'Rain Newton-Smith']]);
  });

  it('a seat of government speaks for its state when the gazetteer holds the state, and only then', () => {
    const states = buildGazetteer(
      [
        { id: 'united-kingdom', name: 'United Kingdom', kind: 'STATE', aliases: ['Britain'] },
        { id: 'france', name: 'France', kind: 'STATE', aliases: [] },
        { id: 'united-states', name: 'United States', kind: 'STATE', aliases: [] },
      ],
      [],
    );
    const text = 'The plan is "a betrayal of trust," according to a statement from Downing Street. "We reject these claims entirely," the Elysee said on Monday. "We are monitoring the situation closely," the State Department said.';
    expect(quotesOf(text, extract(text, states)).map(([, speaker]) => speaker)).toEqual(['United Kingdom', 'France', 'United States']);
    expect(extract(text, states).actors.find((actor) => actor.id === 'france')?.mentions.map((m) => m.text)).toContain('Elysee');
    const spokesperson = 'A spokesperson for the Foreign Office said it was "monitoring events." Officials met. "We have made our position clear," the Foreign Office said.';
    const [forOffice, office] = quotesOf(spokesperson, extract(spokesperson, states)).map(([, speaker]) => speaker);
    expect(forOffice).not.toBe('United Kingdom');
    expect(office).toBe('United Kingdom');
    expect(quotesOf(text, extract(text, buildGazetteer([], []))).map(([, speaker]) => speaker)).not.toContain('United Kingdom');
  });

  it('an unowned ministry is the dateline\'s state\'s; "the spokesman" goes back past an "Asked whether" opener', () => {
    const dated = 'MOSCOW (Reuters) - Police detained 12 people on Sunday. The interior ministry told AFP the arrests were lawful. "Order will be maintained," it said.';
    expect(quotesOf(dated)).toEqual([['Order will be maintained', 'Russia']]);
    const undated = 'Police detained 12 people on Sunday. The interior ministry told AFP the arrests were lawful. "Order will be maintained," it said.';
    expect(quotesOf(undated)).toEqual([['Order will be maintained', null]]);
    const asked = 'Asked whether the budget would be cut, a Treasury spokesman said: "No decision has been taken." Officials met on Monday. "We are looking at all options," the spokesman said.';
    expect(quotesOf(asked)).toEqual([
      ['No decision has been taken.', 'a Treasury spokesman'],
      ['We are looking at all options', 'a Treasury spokesman'],
    ]);
  });

  it('an age in apposition is not the speaker; "shouted" and "retorted" are speech verbs', () => {
    expect(quotesOf('Jane Porter, 54, a nurse from Leeds, said: "We are exhausted."')).toEqual([['We are exhausted.', 'Jane Porter']]);
    expect(quotesOf('"The budget is balanced," Chancellor Rachel Reeves told MPs. "It is a fantasy," shouted shadow chancellor Mel Stride.')).toEqual([
      ['The budget is balanced', 'Rachel Reeves'],
      ['It is a fantasy', 'Mel Stride'],
    ]);
  });

  it('"The mayor of London, X" is X; a post-nominal is not in the name; "the company" is the organisation named just before', () => {
    expect(quotesOf('The mayor of London, Sadiq Khan, said the decision was "reckless."')).toEqual([['reckless.', 'Sadiq Khan']]);
    expect(quotesOf('"We are disappointed," said Sarah Doyle MP.')).toEqual([['We are disappointed', 'Sarah Doyle']]);
    expect(quotesOf('Northern Rail Group cut 200 jobs on Monday. The company said in a statement that it was "deeply disappointed" by the ruling.')).toEqual([['deeply disappointed', 'Northern Rail Group']]);
  });

  it('no cue: the person the sentence before names (a copula counts), else the previous speaker with no one named between', () => {
    const text = '“We lost,” Mayor Bernard Aubry said.\n\nHis campaign manager, Yves Lamarck, was less gracious. “We lost to slogans.”\n\nTurnout was high. “The city chose badly.”';
    expect(quotesOf(text)).toEqual([
      ['We lost', 'Bernard Aubry'],
      ['We lost to slogans.', 'Yves Lamarck'],
      ['The city chose badly.', 'Yves Lamarck'],
    ]);
  });

  it('a court ruling: "the judge wrote" is the judge named before; "the court said" is the court named before', () => {
    const text = 'The Court of Arbitration for Sport on Friday upheld the ban. Judge Eleanor Whitcombe wrote that the rider had “no credible explanation.”\n\n“The tribunal is not persuaded,” the judge wrote.\n\n“The athlete has not established how the substance entered his system,” the court said in its ruling.';
    expect(quotesOf(text)).toEqual([
      ['no credible explanation.', 'Eleanor Whitcombe'],
      ['The tribunal is not persuaded', 'Eleanor Whitcombe'],
      ['The athlete has not established how the substance entered his system', 'Court of Arbitration for Sport'],
    ]);
  });

  it('"the central bank said", "the federation said in a statement": the body last named with that head noun', () => {
    const text = 'The Reserve Bank of Valdonia held rates on Wednesday, and the International Cycling Federation met in Aigle.\n\n“Holding the rate was appropriate,” the central bank said in a statement.\n\n“The rules apply equally to every rider,” the federation said in a statement.';
    expect(quotesOf(text)).toEqual([
      ['Holding the rate was appropriate', 'Reserve Bank of Valdonia'],
      ['The rules apply equally to every rider', 'International Cycling Federation'],
    ]);
  });

  it('election night: "told supporters", "said in a concession speech", "wrote on social media"', () => {
    const text = '“Tonight Lyonne chose change,” Camille Moreau told supporters.\n\n“The voters have spoken,” Bernard Aubry said in a concession speech.\n\n“This is our victory too,” Sophie Tran wrote on social media.';
    expect(quotesOf(text)).toEqual([
      ['Tonight Lyonne chose change', 'Camille Moreau'],
      ['The voters have spoken', 'Bernard Aubry'],
      ['This is our victory too', 'Sophie Tran'],
    ]);
  });

  it('speech verbs in the perfect and the progressive, and "is quoted as saying"', () => {
    const text = 'Finance Minister Pavel Drenko is quoted as saying he “respects the independence of the bank.”\n\nAnika Ruhl has said the bank is “too cautious by half.”\n\n“Housing first, from the first day,” Camille Moreau was saying as she left the stage.';
    expect(quotesOf(text)).toEqual([
      ['respects the independence of the bank.', 'Pavel Drenko'],
      ['too cautious by half.', 'Anika Ruhl'],
      ['Housing first, from the first day', 'Camille Moreau'],
    ]);
  });

  it('"said X, who …": the name before the relative clause speaks', () => {
    const text = '“Young people came out to vote,” said Henri Dulac, who has studied the city’s elections for two decades.';
    expect(quotesOf(text)).toEqual([['Young people came out to vote', 'Henri Dulac']]);
  });

  it('an ordinal before a unit\'s name is part of the name', () => {
    const text = '“The enemy cannot seize the city,” the 7th Air Assault Corps said.';
    expect(quotesOf(text)).toEqual([['The enemy cannot seize the city', '7th Air Assault Corps']]);
  });

  it('apostrophes are not quotation marks', () => {
    const text = "Russia's envoy didn't comment on the shippers' association or the members' demands.";
    expect(quotesOf(text)).toEqual([]);
  });
});

describe('actors', () => {
  it('links names, aliases and a known surname to the gazetteer, and proposes the rest with a kind', () => {
    const text = 'Zelensky met NATO leaders in Brussels while the Kremlin said Moscow was ready. Estonian Prime Minister Kaja Kallas and France backed him.';
    const actors = extract(text, gazetteer).actors.map((a) => [a.name, a.id, a.kind]);
    expect(actors).toEqual(
      expect.arrayContaining([
        ['Volodymyr Zelensky', 'volodymyr-zelensky', 'PERSON'],
        ['NATO', 'nato', 'ORGANIZATION'],
        ['Russia', 'russia', 'STATE'],
        ['Kaja Kallas', null, 'PERSON'],
        ['France', null, 'STATE'],
      ]),
    );
    expect(actors.filter((a) => a[1] === 'russia')).toHaveLength(1);
  });
});

describe('bodies that are states, and names that are not actors', () => {
  it('"No 10 said" is the United Kingdom', () => {
    const text = 'Labour MPs threatened to vote against the budget.\n\nNo 10 said the measures were "fair and necessary" and would not change.';
    const uk = buildGazetteer([{ id: 'united-kingdom', name: 'United Kingdom', kind: 'STATE', aliases: ['Britain'] }], []);
    const extraction = extract(text, uk);
    expect(quotesOf(text, extraction)).toEqual([['fair and necessary', 'United Kingdom']]);
    expect(extraction.quotes[0]?.speakerId).toBe('united-kingdom');
  });

  it('"the Interior Ministry said" under a dateline is the dateline’s state', () => {
    const text = 'MOSCOW — Two detained foreigners were released on Thursday, the Interior Ministry said.\n\n"The exchange took place in accordance with the agreements reached," the ministry said in a statement.';
    const extraction = extract(text, gazetteer);
    expect(quotesOf(text, extraction)).toEqual([['The exchange took place in accordance with the agreements reached', 'Russia']]);
    expect(extraction.quotes[0]?.speakerId).toBe('russia');
    expect(extraction.actors.map((a) => a.name)).not.toContain('Interior Ministry');
  });

  it('headline, byline and share lines, places only located in and outlets only carrying words are not actors', () => {
    const text =
      'Cyclist Varga banned after appeal fails\n\nBy Tom Ashby, Political Correspondent\n\nParents in Milbrook packed the hall on Monday, and a businessman from Texas joined them. ' +
      '"This school is the village," Dana Reyes told the BBC. Gary Holt posted on Telegram that the board would vote in April.\n\nShare this story: Facebook | Twitter | Email';
    const names = extract(text, gazetteer).actors.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['Dana Reyes', 'Gary Holt']));
    for (const furniture of ['Cyclist Varga', 'Tom Ashby', 'Political Correspondent', 'Milbrook', 'Texas', 'BBC', 'Telegram', 'Facebook']) expect(names).not.toContain(furniture);
  });

  it('a description that goes on to give only a first name is that name', () => {
    const text = 'Parents packed the hall on Monday night.\n\n"My grandmother went to this school. If it closes, the village dies," said a retired teacher who gave only her first name, Monique.';
    const extraction = extract(text, gazetteer);
    expect(quotesOf(text, extraction)).toEqual([['My grandmother went to this school. If it closes, the village dies', 'Monique']]);
    expect(extraction.actors.map((a) => a.name)).toContain('Monique');
  });

  it('an organisation named "<head> of/for <name>" keeps its whole name', () => {
    const text = 'The Institute for Fiscal Studies said the plan was regressive. The Reserve Bank of Valdonia held rates, and Anita Rao of the University of Harwick welcomed it.';
    const names = extract(text, gazetteer).actors.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['Institute for Fiscal Studies', 'Reserve Bank of Valdonia', 'University of Harwick', 'Anita Rao']));
    for (const part of ['Fiscal Studies', 'Valdonia', 'Harwick']) expect(names).not.toContain(part);
  });

  it('a headline’s words do not lengthen a surname, and a first name alone is the full name it begins', () => {
    const text = 'Cyclist Varga banned for four years\n\nThe court upheld a four-year ban on Hungarian cyclist Dominik Varga on Friday.\n\n"Dominik is devastated," his lawyer Agnes Fekete said. Varga has always denied wrongdoing.';
    const names = extract(text, gazetteer).actors.map((a) => a.name);
    expect(names).toContain('Dominik Varga');
    for (const wrong of ['Cyclist Varga', 'Dominik']) expect(names).not.toContain(wrong);
  });

  it('groups of people are not actors: plural demonyms and followers, plural acronyms, a plural the text writes in lower case', () => {
    const text = 'Ukrainians queued for hours. Socialists walked out, and 40 Labour MPs rebelled. Judges were unmoved; the judges said nothing. Northwind Ferries said its ferries would sail.';
    const names = extract(text, gazetteer).actors.map((a) => a.name);
    for (const group of ['Ukrainians', 'Socialists', 'Labour MPs', 'Judges']) expect(names).not.toContain(group);
    expect(names).toContain('Northwind Ferries');
  });

  it('an organisation after "at" and a person after "a quote from" stay actors', () => {
    const text = '"The governor is preparing the ground for a cut," said Tomas Berger, chief economist at Northgate Capital.\n\nQuote from Terje Aasland, Minister of Energy:';
    const names = extract(text, gazetteer).actors.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(['Tomas Berger', 'Northgate Capital', 'Terje Aasland']));
  });
});

describe('stances', () => {
  it('a stance is the speaker’s, from their words; a critic’s words about another actor give that actor none', () => {
    const text = '“Putin is rejecting the peace plan because he wants the war to go on,” Zelensky said.';
    const extraction = extract(text, gazetteer);
    quotesOf(text, extraction);
    expect(extraction.stances.every((s) => s.holderId === 'volodymyr-zelensky')).toBe(true);
    expect(extraction.stances.some((s) => s.holderId === 'vladimir-putin')).toBe(false);
  });

  it('states one only where a quotation does: the author’s analysis gives none; negation turns support to opposition', () => {
    const analysis = 'Russia appears to oppose the peace plan, analysts believe, and its army keeps advancing.';
    expect(extract(analysis, gazetteer).stances).toEqual([]);
    const text = '“We do not support this peace plan in its present form,” Peskov said. “We would accept the peace plan only if NATO stops expanding,” he added.';
    const stances = extract(text, gazetteer).stances.map((s) => [s.holderId, s.topic, s.stance]);
    expect(stances).toEqual([
      ['dmitry-peskov', 'peace-settlement', 'OPPOSES'],
      ['dmitry-peskov', 'peace-settlement', 'CONDITIONAL'],
    ]);
  });
});

describe('speed', () => {
  it('extracts a 10,000-character article within a second (model loaded once)', () => {
    const dev = join('eval', 'dev');
    const text = readdirSync(dev)
      .filter((f) => f.startsWith('own-') && f.endsWith('.txt'))
      .map((f) => readFileSync(join(dev, f), 'utf8'))
      .join('\n\n')
      .repeat(5)
      .slice(0, 10_000);
    const seed = seedGazetteer();
    extract('Warm-up: "the model loads once," he said.', seed);
    const started = performance.now();
    const extraction = extract(text, seed);
    const ms = performance.now() - started;
    expect(extraction.quotes.length).toBeGreaterThan(10);
    expect(ms).toBeLessThan(1_000);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The dry-run CLI

const exec = promisify(execFile);
const dryRun = z.record(
  z.string(),
  z.strictObject({
    quotes: z.array(z.strictObject({ text: z.string(), start: z.number(), end: z.number(), speaker: z.string().nullable(), speakerId: z.string().nullable() })),
    actors: z.array(z.strictObject({ name: z.string(), id: z.string().nullable() })),
    stances: z.array(
      z.strictObject({ holder: z.string(), topic: z.string(), stance: z.string(), evidence: z.string(), evidence_start: z.number(), evidence_end: z.number() }),
    ),
  }),
);

/** Runs the dry run as a tool would: `npm run extract -- …` (npm's own banner must not reach stdout), or the script itself. */
async function runExtract(args: string[], env: Record<string, string | undefined>, { viaNpm = false } = {}) {
  const environment: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  for (const key of ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_DATABASE']) delete environment[key];
  for (const [key, value] of Object.entries(env)) if (value !== undefined) environment[key] = value;
  try {
    const [command, commandArgs] = viaNpm ? ['npm', ['run', 'extract', '--', ...args]] : [process.execPath, ['--import', 'tsx', 'scripts/extract.ts', ...args]];
    const { stdout, stderr } = await exec(command as string, commandArgs as string[], { env: environment, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run extract -- --json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'extract-'));
  const article = join(dir, 'article.txt');
  const seedArticle = join('seeds', 'articles', readdirSync(join('seeds', 'articles')).sort()[0] ?? '');
  let db: Database;
  const actorId = `extraction-test-${process.pid}-zorana-kvist`;

  beforeAll(async () => {
    writeFileSync(article, 'Zorana Kvist, the harbour master, warned of delays. “The cranes will be idle until March,” Kvist said.\n');
    db = testDatabase();
    await cypherWrite(db, 'createDbOnlyActor', "CREATE (:Actor {id: $id, name: 'Zorana Kvist', kind: 'PERSON', aliases: ['Kvist'], searchKey: 'zorana kvist'})", { id: actorId });
  });
  afterAll(async () => {
    await cypherWrite(db, 'deleteDbOnlyActor', 'MATCH (a:Actor {id: $id}) DETACH DELETE a', { id: actorId });
    await db.close();
  });

  it('prints one JSON object keyed by path, offsets slicing to the quotes, linked to the seed’s actors without a database', async () => {
    // Through npm, as the README says to run it: stdout is the JSON object and nothing else.
    const result = await runExtract(['--json', article, seedArticle], {}, { viaNpm: true });
    expect(result.code).toBe(0);
    const output = dryRun.parse(JSON.parse(result.stdout));
    expect(Object.keys(output).sort()).toEqual([article, seedArticle].sort());
    for (const [file, found] of Object.entries(output)) {
      const text = readFileSync(file, 'utf8');
      for (const q of found.quotes) expect(text.slice(q.start, q.end)).toBe(q.text);
      for (const s of found.stances) expect(text.slice(s.evidence_start, s.evidence_end)).toBe(s.evidence);
    }
    expect(output[article]?.quotes).toEqual([{ text: 'The cranes will be idle until March', start: expect.any(Number), end: expect.any(Number), speaker: 'Zorana Kvist', speakerId: null }]);
    const seedQuotes = output[seedArticle]?.quotes ?? [];
    expect(seedQuotes.some((q) => q.speakerId === 'yuri-ushakov')).toBe(true);
    expect(output[seedArticle]?.actors).toContainEqual({ name: 'Vladimir Putin', id: 'vladimir-putin' });
  });

  it('links to the actors of the database at NEO4J_URI when it is set', async () => {
    const neo4j = inject('neo4j');
    const result = await runExtract(['--json', article], { NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password, NEO4J_DATABASE: neo4j.database });
    expect(result.stderr).toBe('');
    const output = dryRun.parse(JSON.parse(result.stdout));
    expect(output[article]?.quotes[0]).toMatchObject({ speaker: 'Zorana Kvist', speakerId: actorId });
    expect(output[article]?.actors).toContainEqual({ name: 'Zorana Kvist', id: actorId });
  });

  it('refuses a missing, an empty and a binary file with a message on stderr, a non-zero exit and no JSON for them', async () => {
    const empty = join(dir, 'empty.txt');
    const binary = join(dir, 'binary.bin');
    writeFileSync(empty, '  \n');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff]));
    const missing = join(dir, 'missing.txt');
    const result = await runExtract(['--json', missing, empty, binary], {});
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${missing}: no such file`);
    expect(result.stderr).toContain(`${empty}: empty file`);
    expect(result.stderr).toContain(`${binary}: binary file`);
    const mixed = await runExtract(['--json', article, missing], {});
    expect(mixed.code).not.toBe(0);
    expect(Object.keys(dryRun.parse(JSON.parse(mixed.stdout)))).toEqual([article]);
  });
});
