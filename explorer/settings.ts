/** The settings the server embeds in the page (src/explorer/page.ts), read once. */
export interface ExplorerSettings {
  endpoint: string;
  basePath: string;
  version: string;
}

function readSettings(): ExplorerSettings {
  const element = document.getElementById('explorer-settings');
  const parsed: unknown = JSON.parse(element?.textContent ?? '{}');
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const text = (key: string, fallback: string) => (typeof record[key] === 'string' ? (record[key] as string) : fallback);
  return { endpoint: text('endpoint', '/graphql'), basePath: text('basePath', '/explore'), version: text('version', '') };
}

export const settings = readSettings();
