/**
 * One candidate under review: what the extractor suggested (words, kind, speaker, date, stances, or a new actor),
 * the article it comes from with its words marked, and the curator's decision. Accepting takes corrections
 * (`CandidateEdits`); rejecting needs a reason. A refused decision shows the API's message and code beside the form,
 * and the form keeps everything typed into it.
 */
import { useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { Link } from 'wouter';
import { ArticleText } from '../components/article-text.js';
import { KindBadge, ReliabilityBadge, StanceBadge, stanceLabels } from '../components/badges.js';
import {
  ExplorerReviewAcceptDocument,
  ExplorerReviewRejectDocument,
  type ActorKind,
  type CandidateEdits,
  type CandidatePositionInput,
  type ExplorerReviewCandidateQuery,
  type ExplorerReviewDecisionFragment,
  type Stance,
  type StatementKind,
} from '../generated/operations.js';
import { links, nodeLink } from '../links.js';
import { ActorPicker, TopicPicker, type Choice } from './review-pickers.js';
import { TokenForm } from './review-token.js';

export type ReviewCandidate = NonNullable<ExplorerReviewCandidateQuery['candidate']>;
export type Decision = ExplorerReviewDecisionFragment;

const statementKinds: readonly StatementKind[] = ['QUOTE', 'PARAPHRASE', 'REPORTED'];
const actorKinds: readonly ActorKind[] = ['PERSON', 'ORGANIZATION', 'STATE', 'GROUP'];
const stances: readonly Stance[] = ['SUPPORTS', 'OPPOSES', 'CONDITIONAL', 'UNDECIDED'];
const statementKindLabels: Record<StatementKind, string> = { QUOTE: 'quote (verbatim)', PARAPHRASE: 'paraphrase', REPORTED: 'reported' };

export const percent = (value: number | null | undefined) => (value == null ? '' : `${Math.round(value * 100)}%`);
const lower = (value: string) => value.toLowerCase().replace(/_/g, ' ');

/** How sure the extractor was, and by which rule. */
function Provenance({ rule, confidence }: { rule: string | null; confidence: number | null }) {
  if (!rule && confidence == null) return null;
  return (
    <span className="provenance muted">
      {rule && <code>{rule}</code>}
      {confidence != null && <> · {percent(confidence)} sure</>}
    </span>
  );
}

type Suggested = NonNullable<ReviewCandidate['speaker']>;

/** A suggested actor: linked to the graph's actor, or a name (and kind) the graph does not hold, or an unnamed one. */
function SuggestedName({ suggested }: { suggested: Pick<Suggested, 'name' | 'note' | 'kind'> & { actor: { id: string; name: string } | null } }) {
  if (suggested.actor) return <Link href={links.actor(suggested.actor.id)}>{suggested.actor.name}</Link>;
  if (suggested.name)
    return (
      <>
        {suggested.name} <span className="muted">(not in the graph{suggested.kind ? `: a new ${lower(suggested.kind)}` : ''})</span>
      </>
    );
  return <span className="muted">{suggested.note ? `unnamed: ${suggested.note}` : 'none suggested'}</span>;
}

/** What the extractor suggested, as it suggested it. */
export function CandidateDetails({ candidate }: { candidate: ReviewCandidate }) {
  return (
    <>
      <blockquote className="candidate-excerpt">{candidate.statementKind === 'QUOTE' ? `“${candidate.excerpt}”` : candidate.excerpt}</blockquote>
      <p className="muted in-context">
        <button type="button" className="linkish" onClick={() => document.querySelector('.review-article #cited')?.scrollIntoView({ block: 'center' })}>
          Show these words in the article
        </button>
      </p>
      <dl className="facts">
        {candidate.kind === 'STATEMENT' ? (
          <>
            <dt>Kind</dt>
            <dd>{candidate.statementKind ? <KindBadge kind={candidate.statementKind} /> : <span className="muted">not suggested</span>}</dd>
            <dt>Speaker</dt>
            <dd>
              {candidate.speaker ? <SuggestedName suggested={candidate.speaker} /> : <span className="muted">none suggested</span>}{' '}
              {candidate.speaker && <Provenance rule={candidate.speaker.rule} confidence={candidate.speaker.confidence} />}
            </dd>
            <dt>Said on</dt>
            <dd>
              {candidate.saidOn ?? <span className="muted">no date</span>}
              {candidate.dateSource && <span className="muted"> ({candidate.dateSource === 'ARTICLE' ? 'the article’s date' : 'a date the text gives'})</span>}
            </dd>
          </>
        ) : (
          <>
            <dt>New actor</dt>
            <dd>
              {candidate.actor ? <SuggestedName suggested={candidate.actor} /> : candidate.excerpt}{' '}
              {candidate.actor && <Provenance rule={candidate.actor.rule} confidence={candidate.actor.confidence} />}
            </dd>
          </>
        )}
        <dt>Found by</dt>
        <dd>
          <Provenance rule={candidate.rule} confidence={candidate.confidence} />
        </dd>
      </dl>
      {candidate.kind === 'STATEMENT' && (
        <>
          <h3>Suggested stances</h3>
          {candidate.stances.length === 0 ? (
            <p className="muted">None: accepting records the statement only (positions can still be set later).</p>
          ) : (
            <ul className="plain spaced">
              {candidate.stances.map((stance) => (
                <li key={stance.index}>
                  <SuggestedName suggested={stance.holder} /> <StanceBadge stance={stance.stance} />{' '}
                  {stance.topic ? <Link href={links.topic(stance.topic.__typename, stance.topic.id)}>{stance.topic.name}</Link> : <span className="muted">no topic found</span>}
                  {stance.condition && <div className="muted">if {stance.condition}</div>}
                  <div>
                    <Provenance rule={stance.rule} confidence={stance.confidence} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

/** The candidate's article, its words marked and scrolled into view. */
export function CandidateArticle({ candidate }: { candidate: ReviewCandidate }) {
  const source = candidate.source;
  return (
    <section className="review-article" aria-label="The article">
      <h2>
        <Link href={links.source(source.id)}>{source.title}</Link>
      </h2>
      <p className="source-meta">
        {source.outlet && <span>{source.outlet} · </span>}
        {source.publishedOn ?? 'undated'} · <ReliabilityBadge reliability={source.reliability} />
        {source.url && (
          <>
            {' '}
            · <a href={source.url} rel="noreferrer noopener" target="_blank">original</a>
          </>
        )}
      </p>
      {source.reliabilityNote && <p className="muted reliability-note">{source.reliabilityNote}</p>}
      <p className="muted">
        Characters {candidate.start}–{candidate.end} of {source.text.length}.
      </p>
      <ArticleText text={source.text} spans={[{ key: candidate.id, start: candidate.start, end: candidate.end, title: 'The candidate’s words' }]} active={candidate.id} scroll="text" />
    </section>
  );
}

const codeOf = (error: { extensions?: Record<string, unknown> }) => (typeof error.extensions?.code === 'string' ? error.extensions.code : 'ERROR');

/** The API refused the token (none valid, or one of too small a role). */
const refusedToken = (error: CombinedError | null) => (error?.graphQLErrors ?? []).some((e) => ['UNAUTHENTICATED', 'FORBIDDEN'].includes(codeOf(e)));

/** The API's refusal, each error with its code (and the argument it names), or what the page itself refused. */
function Refusal({ error, local }: { error: CombinedError | null; local: string | null }) {
  if (!error && !local) return null;
  const errors = error?.graphQLErrors ?? [];
  const codes = errors.map(codeOf);
  return (
    <div className="state error refusal" role="alert">
      {local && <p>{local}</p>}
      {error && (
        <>
          <strong>{refusedToken(error) ? 'The API did not accept your token.' : codes.includes('CONFLICT') ? 'Someone decided this candidate already.' : 'The API refused the decision.'}</strong>
          <ul>
            {error.networkError && errors.length === 0 && <li>The service did not answer ({error.networkError.message}). Is it running?</li>}
            {errors.map((e, index) => (
              <li key={index}>
                <code>{codes[index]}</code>
                {typeof e.extensions?.argument === 'string' && (
                  <>
                    {' '}
                    (<code>{e.extensions.argument}</code>)
                  </>
                )}
                : {e.message}
              </li>
            ))}
          </ul>
          {refusedToken(error) && <p>Reviewing needs an editor’s (or admin’s) token from the service’s STANCEGRAPH_API_KEYS. Your form is kept: give another token below and decide again.</p>}
        </>
      )}
    </div>
  );
}

/** Another token, after the API refused one: its own form, beside (never inside) the refused one. */
function AnotherToken({ onSaved }: { onSaved: () => void }) {
  const [shown, setShown] = useState(false);
  return (
    <div className="another-token">
      {shown ? (
        <TokenForm label="Another editor token" onSaved={onSaved} />
      ) : (
        <button type="button" onClick={() => setShown(true)}>
          Enter another token
        </button>
      )}
    </div>
  );
}

/** Enter in a one-line field does not submit the form (only the Accept button does). */
function noEnterSubmit(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
}

interface PositionChoice {
  set: boolean;
  stance: Stance;
  /** Another topic than the suggestion's; null keeps the suggestion's. */
  topic: Choice | null;
  condition: string;
}

type SpeakerMode = 'suggested' | 'existing' | 'new' | 'unnamed';

function AcceptStatementFields({ candidate, onEdits }: { candidate: ReviewCandidate; onEdits: (build: () => CandidateEdits | string) => void }) {
  const id = useId();
  const [statementKind, setStatementKind] = useState<StatementKind>(candidate.statementKind ?? 'REPORTED');
  const [speakerMode, setSpeakerMode] = useState<SpeakerMode>('suggested');
  const [speaker, setSpeaker] = useState<Choice | null>(null);
  const [newName, setNewName] = useState(candidate.speaker?.actor ? '' : (candidate.speaker?.name ?? ''));
  const [newKind, setNewKind] = useState<ActorKind>(candidate.speaker?.kind ?? 'PERSON');
  const [note, setNote] = useState(candidate.speaker?.note ?? '');
  const [saidOn, setSaidOn] = useState(candidate.saidOn ?? '');
  const [positions, setPositions] = useState<PositionChoice[]>(() => candidate.stances.map((stance) => ({ set: false, stance: stance.stance, topic: null, condition: stance.condition ?? '' })));
  const updatePosition = (index: number, change: Partial<PositionChoice>) => setPositions((all) => all.map((position, i) => (i === index ? { ...position, ...change } : position)));

  onEdits(() => {
    const edits: CandidateEdits = {};
    if (statementKind !== candidate.statementKind) edits.statementKind = statementKind;
    if (speakerMode === 'existing') {
      if (!speaker) return 'Choose the speaker among the graph’s actors (type a name), or keep the suggestion.';
      edits.speakerId = speaker.id;
    } else if (speakerMode === 'new') {
      if (!newName.trim()) return 'Give the new speaker’s name.';
      edits.newSpeaker = { name: newName.trim(), kind: newKind };
    } else if (speakerMode === 'unnamed') {
      if (!note.trim()) return 'Say who the unnamed speaker is (for example “a senior NATO official”).';
      edits.speakerNote = note.trim();
    }
    if (saidOn && saidOn !== candidate.saidOn) edits.saidOn = saidOn;
    const chosen: CandidatePositionInput[] = [];
    for (const [index, position] of positions.entries()) {
      if (!position.set) continue;
      const suggestion = candidate.stances[index];
      if (!suggestion) continue;
      if (!position.topic && !suggestion.topic) return `Choose a topic for suggested stance ${index + 1}: the extractor found none.`;
      const input: CandidatePositionInput = { suggestion: suggestion.index };
      if (position.stance !== suggestion.stance) input.stance = position.stance;
      if (position.topic) input.topicId = position.topic.id;
      if (position.stance === 'CONDITIONAL' && position.condition.trim() !== (suggestion.condition ?? '')) input.condition = position.condition.trim();
      chosen.push(input);
    }
    if (chosen.length > 0) edits.positions = chosen;
    return edits;
  });

  const suggestedSpeaker = candidate.speaker;
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Statement kind</label>
        <select id={`${id}-kind`} value={statementKind} onChange={(event) => setStatementKind(event.target.value as StatementKind)}>
          {statementKinds.map((kind) => (
            <option key={kind} value={kind}>
              {statementKindLabels[kind]}
              {kind === candidate.statementKind ? ' — suggested' : ''}
            </option>
          ))}
        </select>
      </div>

      <fieldset>
        <legend>Speaker</legend>
        <label className="choice">
          <input type="radio" name={`${id}-speaker`} checked={speakerMode === 'suggested'} onChange={() => setSpeakerMode('suggested')} />
          <span>
            Keep the suggestion: {suggestedSpeaker ? <SuggestedName suggested={suggestedSpeaker} /> : <span className="muted">no speaker</span>}
          </span>
        </label>
        <label className="choice">
          <input type="radio" name={`${id}-speaker`} checked={speakerMode === 'existing'} onChange={() => setSpeakerMode('existing')} />
          <span>Another actor of the graph</span>
        </label>
        {speakerMode === 'existing' && (
          <div className="indented">
            <ActorPicker label="Speaker" hint="a name or alias" value={speaker} onChange={setSpeaker} />
          </div>
        )}
        <label className="choice">
          <input type="radio" name={`${id}-speaker`} checked={speakerMode === 'new'} onChange={() => setSpeakerMode('new')} />
          <span>A new actor, created with the statement</span>
        </label>
        {speakerMode === 'new' && (
          <div className="indented field-row">
            <div className="field">
              <label htmlFor={`${id}-new-name`}>New speaker’s name</label>
              <input id={`${id}-new-name`} type="text" value={newName} onChange={(event) => setNewName(event.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-new-kind`}>Kind</label>
              <select id={`${id}-new-kind`} value={newKind} onChange={(event) => setNewKind(event.target.value as ActorKind)}>
                {actorKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {lower(kind)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
        <label className="choice">
          <input type="radio" name={`${id}-speaker`} checked={speakerMode === 'unnamed'} onChange={() => setSpeakerMode('unnamed')} />
          <span>No actor: an unnamed speaker</span>
        </label>
        {speakerMode === 'unnamed' && (
          <div className="indented field">
            <label htmlFor={`${id}-note`}>Who it is, as the article says</label>
            <input id={`${id}-note`} type="text" value={note} onChange={(event) => setNote(event.target.value)} />
          </div>
        )}
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-said-on`}>Said on</label>
        <input id={`${id}-said-on`} type="date" value={saidOn} onChange={(event) => setSaidOn(event.target.value)} aria-describedby={`${id}-said-on-help`} />
        <span id={`${id}-said-on-help`} className="muted help">
          {candidate.dateSource === 'ARTICLE' ? 'Suggested: the article’s date. Another date is recorded as the date the text gives.' : 'As suggested.'}
        </span>
      </div>

      {candidate.stances.length > 0 && (
        <fieldset>
          <legend>Positions to set, with this statement as evidence</legend>
          {candidate.stances.map((suggestion, index) => {
            const position = positions[index];
            if (!position) return null;
            return (
              <div key={suggestion.index} className="position-choice">
                <label className="choice">
                  <input type="checkbox" checked={position.set} onChange={(event) => updatePosition(index, { set: event.target.checked })} />
                  <span>
                    Set this position: <SuggestedName suggested={suggestion.holder} /> {stanceLabels[suggestion.stance] ?? lower(suggestion.stance)}{' '}
                    {suggestion.topic ? suggestion.topic.name : <span className="muted">(no topic found)</span>}
                  </span>
                </label>
                {position.set && (
                  <div className="indented">
                    <div className="field">
                      <label htmlFor={`${id}-stance-${index}`}>Stance</label>
                      <select id={`${id}-stance-${index}`} value={position.stance} onChange={(event) => updatePosition(index, { stance: event.target.value as Stance })}>
                        {stances.map((stance) => (
                          <option key={stance} value={stance}>
                            {stanceLabels[stance] ?? lower(stance)}
                            {stance === suggestion.stance ? ' — suggested' : ''}
                          </option>
                        ))}
                      </select>
                    </div>
                    {position.stance === 'CONDITIONAL' && (
                      <div className="field">
                        <label htmlFor={`${id}-condition-${index}`}>Condition</label>
                        <input id={`${id}-condition-${index}`} type="text" value={position.condition} onChange={(event) => updatePosition(index, { condition: event.target.value })} />
                      </div>
                    )}
                    <TopicPicker
                      label={suggestion.topic ? `Another topic than “${suggestion.topic.name}”` : 'Topic'}
                      chosenLabel={suggestion.topic ? `Topic (instead of “${suggestion.topic.name}”)` : 'Topic'}
                      hint="an issue or proposal"
                      value={position.topic}
                      onChange={(topic) => updatePosition(index, { topic })}
                    />
                  </div>
                )}
              </div>
            );
          })}
        </fieldset>
      )}
    </>
  );
}

function AcceptActorFields({ candidate, onEdits }: { candidate: ReviewCandidate; onEdits: (build: () => CandidateEdits | string) => void }) {
  const id = useId();
  const suggested = candidate.actor;
  const [mode, setMode] = useState<'new' | 'same'>('new');
  const [name, setName] = useState(suggested?.name ?? candidate.excerpt);
  const [kind, setKind] = useState<ActorKind>(suggested?.kind ?? 'PERSON');
  const [sameAs, setSameAs] = useState<Choice | null>(null);

  onEdits(() => {
    if (mode === 'same') return sameAs ? { sameAsActorId: sameAs.id } : 'Choose the actor this name is another spelling of (type a name).';
    if (!name.trim()) return 'Give the new actor’s name.';
    if (name.trim() === (suggested?.name ?? candidate.excerpt) && kind === (suggested?.kind ?? 'PERSON')) return {};
    return { actor: { name: name.trim(), kind } };
  });

  return (
    <fieldset>
      <legend>Accept as</legend>
      <label className="choice">
        <input type="radio" name={`${id}-mode`} checked={mode === 'new'} onChange={() => setMode('new')} />
        <span>A new actor</span>
      </label>
      {mode === 'new' && (
        <div className="indented field-row">
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input id={`${id}-name`} type="text" value={name} onChange={(event) => setName(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-kind`}>Kind</label>
            <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as ActorKind)}>
              {actorKinds.map((k) => (
                <option key={k} value={k}>
                  {lower(k)}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      <label className="choice">
        <input type="radio" name={`${id}-mode`} checked={mode === 'same'} onChange={() => setMode('same')} />
        <span>The same as an actor of the graph (the name becomes one of its aliases)</span>
      </label>
      {mode === 'same' && (
        <div className="indented">
          <ActorPicker label="Same as" hint="a name or alias" value={sameAs} onChange={setSameAs} />
        </div>
      )}
    </fieldset>
  );
}

/** Accept (with corrections) or reject (with a reason): two forms, each with its own submit button. */
export function DecisionForms({ candidate, onDecided }: { candidate: ReviewCandidate; onDecided: (decision: Decision, verb: 'accepted' | 'rejected') => void }) {
  const [accepting, accept] = useMutation(ExplorerReviewAcceptDocument);
  const [rejecting, reject] = useMutation(ExplorerReviewRejectDocument);
  const [acceptError, setAcceptError] = useState<CombinedError | null>(null);
  const [acceptLocal, setAcceptLocal] = useState<string | null>(null);
  const [rejectError, setRejectError] = useState<CombinedError | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const buildEdits = useRef<() => CandidateEdits | string>(() => ({}));
  const id = useId();
  const busy = accepting.fetching || rejecting.fetching;

  const onAccept = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const edits = buildEdits.current();
    if (typeof edits === 'string') {
      setAcceptLocal(edits);
      setAcceptError(null);
      return;
    }
    setAcceptLocal(null);
    const result = await accept({ id: candidate.id, edits });
    setAcceptError(result.error ?? null);
    if (!result.error && result.data) onDecided(result.data.acceptCandidate, 'accepted');
  };

  const onReject = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonMissing(true);
      reasonRef.current?.focus();
      return;
    }
    setReasonMissing(false);
    const result = await reject({ id: candidate.id, reason: reason.trim() });
    setRejectError(result.error ?? null);
    if (!result.error && result.data) onDecided(result.data.rejectCandidate, 'rejected');
  };

  const acceptButton = useRef<HTMLButtonElement>(null);
  const rejectButton = useRef<HTMLButtonElement>(null);
  /** A new token: the refusals go, and focus returns to the refused form's button to decide again. */
  const retry = (button: HTMLButtonElement | null) => {
    setAcceptError(null);
    setRejectError(null);
    setTimeout(() => button?.focus());
  };

  const register = (build: () => CandidateEdits | string) => {
    buildEdits.current = build;
  };

  return (
    <div className="decision">
      <form className="accept-form" aria-labelledby={`${id}-accept`} onSubmit={onAccept} onKeyDown={noEnterSubmit}>
        <h3 id={`${id}-accept`}>Accept{candidate.kind === 'STATEMENT' ? ' as a statement' : ''}</h3>
        {candidate.kind === 'STATEMENT' ? <AcceptStatementFields candidate={candidate} onEdits={register} /> : <AcceptActorFields candidate={candidate} onEdits={register} />}
        <Refusal error={acceptError} local={acceptLocal} />
        <div className="toolbar">
          <button ref={acceptButton} type="submit" className="primary" disabled={busy}>
            {accepting.fetching ? 'Accepting…' : 'Accept'}
          </button>
        </div>
      </form>
      {refusedToken(acceptError) && <AnotherToken onSaved={() => retry(acceptButton.current)} />}

      <form className="reject-form" aria-labelledby={`${id}-reject`} onSubmit={onReject} noValidate>
        <h3 id={`${id}-reject`}>Reject</h3>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason (required)</label>
          <textarea
            ref={reasonRef}
            id={`${id}-reason`}
            rows={2}
            required
            aria-required="true"
            aria-invalid={reasonMissing ? true : undefined}
            aria-describedby={reasonMissing ? `${id}-reason-missing` : undefined}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              if (event.target.value.trim()) setReasonMissing(false);
            }}
          />
          {reasonMissing && (
            <p id={`${id}-reason-missing`} className="field-error" role="alert">
              Say why you reject it: the reason is kept with the decision.
            </p>
          )}
        </div>
        <Refusal error={rejectError} local={null} />
        <div className="toolbar">
          <button ref={rejectButton} type="submit" className="danger" disabled={busy}>
            {rejecting.fetching ? 'Rejecting…' : 'Reject'}
          </button>
        </div>
      </form>
      {refusedToken(rejectError) && <AnotherToken onSaved={() => retry(rejectButton.current)} />}
    </div>
  );
}

/** A decided candidate: who decided, when, why, and what it became. */
export function DecidedFacts({ candidate }: { candidate: ReviewCandidate }) {
  return (
    <div className="decided">
      <h3>{candidate.status === 'ACCEPTED' ? 'Accepted' : 'Rejected'}</h3>
      <p>
        By <code>{candidate.decidedBy ?? 'unknown'}</code>
        {candidate.decidedAt && <> on {candidate.decidedAt.replace('T', ' ').slice(0, 16)}</>}.
      </p>
      {candidate.reason && <p>Reason: {candidate.reason}</p>}
      {candidate.result && <ResultLink result={candidate.result} sourceId={candidate.source.id} />}
    </div>
  );
}

export function ResultLink({ result, sourceId }: { result: NonNullable<ReviewCandidate['result']>; sourceId: string }): ReactNode {
  if (result.__typename === 'Statement')
    return (
      <p>
        It became the statement <Link href={links.statement(result.id, sourceId)}>“{result.text}”</Link>.
      </p>
    );
  if (result.__typename === 'Actor')
    return (
      <p>
        It became the actor <Link href={links.actor(result.id)}>{result.name}</Link>.
      </p>
    );
  return (
    <p>
      It became <Link href={nodeLink(result.__typename, result.id)}>{result.id}</Link>.
    </p>
  );
}
