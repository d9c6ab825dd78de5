// Boots GraphiQL with the settings the page embeds. A file of its own, not an inline script: the page's CSP runs
// scripts from 'self' only. React, ReactDOM and GraphiQL are the UMD globals the page loads before this file.
'use strict';
{
  const settings = JSON.parse(document.getElementById('playground-settings').textContent);

  // POST JSON to the same origin: a non-simple content type, so Apollo's CSRF prevention lets it through.
  const fetcher = async (params, options) => {
    const response = await fetch(settings.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...options?.headers,
      },
      body: JSON.stringify(params),
      credentials: 'same-origin',
    });
    return response.json();
  };

  const storage = GraphiQL.createLocalStorage({ namespace: settings.storageNamespace });
  const props = { fetcher, storage, defaultEditorToolsVisibility: 'variables' };
  const [firstTab] = settings.tabs;
  if (firstTab) {
    props.defaultTabs = settings.tabs;
    // GraphiQL 3 opens the first default tab with its query but without its variables: on a first visit (no saved
    // tabs yet) hand both to the editors; later visits restore the saved tabs, variables included.
    if (storage.getItem('graphiql:tabState') === null) Object.assign(props, { query: firstTab.query, variables: firstTab.variables });
  }

  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props));
}
