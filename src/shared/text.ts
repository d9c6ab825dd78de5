/** Text helpers shared by the loader, the repositories and the mutations. */

/** Case- and accent-insensitive key: "Zelenskyy" and "ZELENSKYY" and "Zélenskyy" fold alike. */
export function foldForSearch(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The stored search key of an actor: its name and aliases, folded, one per line. */
export function actorSearchKey(name: string, aliases: readonly string[]): string {
  return [name, ...aliases].map(foldForSearch).join('\n');
}
