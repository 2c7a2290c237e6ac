// How actor-offers tells the app's change bus that an organisation's offers or recommendations changed: inside the
// writer's transaction, so other processes hear it at commit and never on a rollback, and after the commit, so this
// process's marketplace cache has forgotten them before the caseworker is answered.
import type { Trx } from '../../platform/db/tenant.ts';
import { announceChange, type ChangeBus } from '../../platform/changes.ts';

/** Inside the writer's transaction: the organisation's offers are changing. Throws on database failure. */
export function announceActorOffersChange(trx: Trx, changes: ChangeBus, organisationId: string): Promise<void> {
  return announceChange(trx, changes, 'actorOffersChanged', { organisationId });
}

/** After the commit: this process's subscribers act on the change. Never throws. */
export function publishActorOffersChange(changes: ChangeBus, organisationId: string): Promise<void> {
  return changes.publish('actorOffersChanged', { organisationId });
}
