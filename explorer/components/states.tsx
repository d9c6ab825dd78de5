/** Loading, error and empty states: every view says what is happening and, when empty, what to do. */
import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

/** The API's message and code (every error carries extensions.code); a network failure says so. */
export function ErrorState({ error, what }: { error: CombinedError; what: string }) {
  const details = error.networkError
    ? [`The service did not answer (${error.networkError.message}). Is it running?`]
    : error.graphQLErrors.map((e) => {
        const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'ERROR';
        return `${code}: ${e.message}`;
      });
  return (
    <div className="state error" role="alert">
      <strong>Could not load {what}.</strong>
      <ul>
        {details.map((detail) => (
          <li key={detail}>{detail}</li>
        ))}
      </ul>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state empty">{children}</div>;
}

export function NotFound({ what, id }: { what: string; id: string }) {
  return (
    <Empty>
      <h2>No {what} “{id}”</h2>
      <p>The graph holds no {what} with this id. Search for it by name with the box at the top (press “/”).</p>
    </Empty>
  );
}
