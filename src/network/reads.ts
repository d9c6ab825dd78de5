/**
 * One request's access to the network analytics: the graph version is read once per request (however many fields ask),
 * and each computation is awaited within the request's deadline.
 */
import type { RequestBudget } from '../neo4j/database.js';
import type { CoalitionsResult } from './compute.js';
import type { NetworkRepository } from './repository.js';
import { withinDeadline } from '../shared/deadline.js';
import { type CentralityView, type CoalitionArgs, type Computed, type NetworkService } from './service.js';

export interface NetworkReads {
  coalitions(args: CoalitionArgs): Promise<Computed<CoalitionsResult>>;
  centrality(): Promise<Computed<CentralityView>>;
}

const stillComputing = 'Still computing over the current graph; ask again shortly (the computation goes on).';

export function networkReads(service: NetworkService, repository: NetworkRepository, budget: RequestBudget | undefined): NetworkReads {
  let version: Promise<string> | undefined;
  const currentVersion = () => (version ??= repository.version());
  let centrality: Promise<Computed<CentralityView>> | undefined;
  return {
    coalitions: async (args) => withinDeadline(service.coalitions(await currentVersion(), args), budget, stillComputing),
    centrality: () => (centrality ??= currentVersion().then((v) => withinDeadline(service.centrality(v), budget, stillComputing))),
  };
}
