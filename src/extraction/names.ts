/**
 * Names: linking a name the text gives to a known actor (by name, alias, or a known person's surname), the words
 * that are titles rather than names, and the kind a new actor would get.
 */
import type { ActorKind } from '../vocabulary.js';
import type { Gazetteer, KnownActor } from './model.js';

/** Case, accents, a leading "the" and a possessive aside. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’']s$/u, '')
    .replace(/^the\s+/i, '')
    .replace(/[‐‑–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Words that say what someone is rather than who (lowercase; a trailing period is dropped before lookup). */
export const TITLE_WORDS = new Set(
  (
    'president vice prime minister ministers secretary chancellor spokesman spokeswoman spokesperson envoy ambassador ' +
    'general gen adviser advisor aide chief director leader governor mayor senator sen rep representative mr mrs ms dr ' +
    'prof professor foreign defence defense interior finance deputy king queen prince princess pope commissioner ' +
    'chairman chairwoman chair head commander colonel col lieutenant lt captain capt judge premier emir sheikh officer ' +
    'negotiator correspondent analyst economist researcher expert official officials diplomat lawmaker mp mep ' +
    'special presidential senior former acting state affairs policy economy trade justice energy health transport ' +
    'security national top high foreign-policy speaker sir lord lady dame patriarch archbishop marshal admiral sergeant ' +
    'ceo founder executive co-founder councillor cllr alderman manager candidate delegate delegation commissioner-designate attorney ' +
    'the a an of for and'
  ).split(/\s+/),
);

const ORGANIZATION_WORDS =
  /\b(ministry|ministries|council|union|party|agency|alliance|organi[sz]ation|bank|fund|commission|parliament|army|forces|office|department|association|institute|center|centre|university|committee|court|corps|company|corporation|group|foundation|federation|assembly|senate|congress|cabinet|government|police|service|authority|nations|league|front|movement|news|times|post|press|kremlin|pentagon)\b/i;

/** One word that heads an organisation's "<head> of/for <name>" ("Institute for …", "Confederation of …"). */
const ORGANISATION_HEAD = new RegExp(`^(?:${ORGANIZATION_WORDS.source.replace(/\\b/g, '')}|confederation|institute|society|academy|school|college|port|chamber|board|tribunal|bureau)$`, 'i');

/** Words that mark a capitalised run as a place, an event or a work rather than an actor. */
const NOT_ACTOR_WORDS =
  /\b(war|sea|ocean|river|street|square|road|avenue|day|week|month|summit|talks|conference|plan|treaty|accord|agreement|region|oblast|province|city|mountains?|island|bay|gulf|strait|airport|station|bridge|palace|hall|cup|games|act|law|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)\b/i;

let countryNames: Map<string, string> | undefined;

/** Country names in English from the runtime's own region data (ICU), no list of our own to keep. */
function countries(): Map<string, string> {
  if (!countryNames) {
    countryNames = new Map();
    const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (const a of letters) {
      for (const b of letters) {
        const name = regions.of(a + b);
        if (name && !/[&()]|Islands|Unknown|Outlying|Territor|Pseudo|Europe|World|Union|Nations/.test(name)) countryNames.set(normalizeName(name), name);
      }
    }
    for (const [alias, name] of [['united states of america', 'United States'], ['the united states', 'United States'], ['britain', 'United Kingdom'], ['turkey', 'Turkey'], ['czech republic', 'Czech Republic'], ['ivory coast', 'Ivory Coast'], ['holland', 'Netherlands']] as const) countryNames.set(alias, name);
  }
  return countryNames;
}

/** A country's name as the runtime spells it ("turkey" → Turkey), or undefined. */
export function countryName(name: string): string | undefined {
  return countries().get(normalizeName(name));
}

export function isCountry(name: string): boolean {
  return countries().has(normalizeName(name));
}

export function suggestKind(name: string, singleToken: boolean): ActorKind | null {
  if (isCountry(name)) return 'STATE';
  if (ORGANIZATION_WORDS.test(name) || /^[A-Z]{2,6}$/.test(name)) return 'ORGANIZATION';
  if (NOT_ACTOR_WORDS.test(name)) return null;
  if (singleToken && /(ia|land|stan)$/.test(name)) return 'STATE';
  return 'PERSON';
}

export function looksLikeActorName(name: string): boolean {
  return !NOT_ACTOR_WORDS.test(name) && !/\d/.test(name) && !/\b[IVX]+\b$/.test(name);
}

/** The gazetteer's names and aliases, normalised, for lookups and for scanning the text. */
export class ActorIndex {
  private readonly byName = new Map<string, KnownActor>();
  /** Every written form (name, alias, known person's surname), for scanning the text, longest first. */
  readonly forms: Array<{ form: string; actor: KnownActor }> = [];
  /** The forms by their first run of letters/digits: what a word of the text may start (gazetteerMentions in extract.ts). */
  readonly formsByLead = new Map<string, Array<{ form: string; actor: KnownActor }>>();

  constructor(gazetteer: Gazetteer) {
    const surnames = new Map<string, KnownActor | null>();
    for (const actor of gazetteer.actors) {
      for (const form of [actor.name, ...actor.aliases]) this.add(form, actor);
      const parts = actor.name.split(/\s+/);
      const last = parts[parts.length - 1];
      if (actor.kind === 'PERSON' && parts.length > 1 && last && last.length > 2) {
        const key = normalizeName(last);
        // A surname two known people share links to neither.
        surnames.set(key, surnames.has(key) && surnames.get(key)?.id !== actor.id ? null : actor);
      }
    }
    for (const [key, actor] of surnames) {
      if (actor && !this.byName.has(key)) {
        this.byName.set(key, actor);
        const last = actor.name.split(/\s+/).pop();
        if (last) this.forms.push({ form: last, actor });
      }
    }
    this.forms.sort((a, b) => b.form.length - a.form.length);
    // Longest first in each list too: the longest form wins where several start at one word.
    for (const entry of this.forms) {
      const lead = /^[\p{L}\p{N}]+/u.exec(entry.form)?.[0];
      if (!lead) continue;
      const list = this.formsByLead.get(lead);
      if (list) list.push(entry);
      else this.formsByLead.set(lead, [entry]);
    }
  }

  private add(form: string, actor: KnownActor): void {
    const key = normalizeName(form);
    if (key.length < 2 || this.byName.has(key)) return;
    this.byName.set(key, actor);
    this.forms.push({ form: form.replace(/^the\s+/i, ''), actor });
  }

  lookup(name: string): KnownActor | undefined {
    return this.byName.get(normalizeName(name));
  }

  /** The known actor a name refers to: as written, then without its leading titles, then by its last word. */
  link(name: string): KnownActor | undefined {
    const direct = this.lookup(name);
    if (direct) return direct;
    const words = name.split(/\s+/);
    for (let i = 1; i < words.length; i += 1) {
      // "Consortium Stade de France", "Bank of England": a name ending in a place is not that place.
      if (/^\p{Ll}/u.test(words[i - 1] ?? '')) continue;
      // "Football Supporters Europe": an organisation's name of several words ending in a place is not that place.
      if (i >= 2 && i === words.length - 1 && words.slice(0, i).every((word) => !TITLE_WORDS.has(word.toLowerCase().replace(/\.$/, '')))) continue;
      const rest = this.lookup(words.slice(i).join(' '));
      if (rest) return rest;
    }
    return undefined;
  }
}

/**
 * The name inside a run of capitalised words: the words after the last title or role word ("Valdonian Foreign Minister
 * Teodor Halvik" → "Teodor Halvik", "Secretary of State Marco Rubio" → "Marco Rubio"). An organisation's name keeps its
 * words ("UN Security Council").
 */
export function stripTitles(words: readonly string[]): string[] {
  const last = words[words.length - 1] ?? '';
  if (ORGANIZATION_WORDS.test(last) || words.length < 2) return [...words];
  // "Institute for Fiscal Studies", "University of Harwick", "Reserve Bank of Valdonia": an organisation's head word
  // joined by "of"/"for" to the rest is one name, from the word after the last title before it.
  const joint = words.findIndex((word, k) => k > 0 && (word === 'of' || word === 'for') && ORGANISATION_HEAD.test(words[k - 1] ?? ''));
  if (joint > 0) {
    let from = joint - 1;
    while (from > 0 && !TITLE_WORDS.has((words[from - 1] ?? '').toLowerCase().replace(/\.$/, ''))) from -= 1;
    return words.slice(from);
  }
  let cut = words.length;
  while (cut > 0 && !TITLE_WORDS.has((words[cut - 1] ?? '').toLowerCase().replace(/\.$/, ''))) cut -= 1;
  let rest = words.slice(cut);
  // "Prime Minister of Canada Mark Carney": the country after a title's "of" belongs to the title.
  if (['of', 'for'].includes(words[cut - 1] ?? '')) {
    for (let n = Math.min(3, rest.length - 1); n >= 1; n -= 1) {
      if (isCountry(rest.slice(0, n).join(' '))) {
        rest = rest.slice(n);
        break;
      }
    }
  }
  return rest.length > 0 ? rest : [...words];
}
