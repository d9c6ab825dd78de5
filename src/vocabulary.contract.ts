/**
 * Compile-time proof that src/vocabulary.ts and the SDL agree: each list holds every value of its GraphQL enum and
 * nothing else, and every kind of node is a type implementing `Node`. Nothing imports this file; `npm run typecheck`
 * checks it, so an enum value added to schema/ without its list (or the reverse) fails the build.
 */
import type * as Api from './generated/graphql.js';
import type * as Vocabulary from './vocabulary.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

export type VocabularyMatchesSchema = [
  Holds<Same<Vocabulary.ActorKind, Api.ActorKind>>,
  Holds<Same<Vocabulary.Stance, Api.Stance>>,
  Holds<Same<Vocabulary.StatementKind, Api.StatementKind>>,
  Holds<Same<Vocabulary.Reliability, Api.Reliability>>,
  Holds<Same<Vocabulary.DateSource, Api.DateSource>>,
  Holds<Same<Vocabulary.ActorRelationType, Api.ActorRelationType>>,
  Holds<Same<Vocabulary.PathRelationshipType, Api.PathStepType>>,
  Holds<Same<Vocabulary.Verdict, Api.Verdict>>,
  Holds<Same<Vocabulary.EventKind, Api.EventKind>>,
  Holds<Same<Vocabulary.RelationDirection, Api.RelationDirection>>,
  Holds<Same<Vocabulary.SearchKind, Api.SearchKind>>,
  Holds<Same<Vocabulary.CentralityMeasure, Api.CentralityMeasure>>,
  Holds<Same<Vocabulary.TieKind, Api.TieKind>>,
  Holds<Same<Vocabulary.ExportFormat, Api.ExportFormat>>,
  Holds<Same<Vocabulary.CandidateKind, Api.CandidateKind>>,
  Holds<Same<Vocabulary.CandidateStatus, Api.CandidateStatus>>,
  Holds<Same<Vocabulary.NodeKind, NonNullable<Api.ResolversInterfaceTypes<Record<string, never>>['Node']['__typename']>>>,
];
