/** The editor's token for the review queue: a field to give it (kept in this tab only, by explorer/token.ts). */
import { useId, useState, type FormEvent } from 'react';
import { setToken } from '../token.js';

export function TokenForm({ label = 'Editor token', submitLabel = 'Use this token', onSaved }: { label?: string; submitLabel?: string; onSaved?: () => void }) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const token = value.trim();
    // The service accepts tokens of at least 16 characters without spaces (STANCEGRAPH_API_KEYS): say so before sending one.
    if (token.length < 16 || /\s/.test(token)) {
      setProblem('A token is at least 16 characters, without spaces.');
      return;
    }
    setProblem(null);
    setToken(token);
    setValue('');
    onSaved?.();
  };
  return (
    <form className="token-form" onSubmit={submit} noValidate>
      <label htmlFor={id}>{label}</label>
      <div className="token-row">
        <input
          id={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
        />
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </div>
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
