// How curation tells the app's change bus that a municipality's offer changed (src/platform/changes.ts): inside the
// writer's transaction, so other processes hear it at commit and never on a rollback, and after the commit, so this
// process's caches (the marketplace's) have forgotten it before the content owner is answered.
import type { Trx } from '../../platform/db/tenant.ts';
import { announceChange, type ChangeBus } from '../../platform/changes.ts';

/** Inside the writer's transaction: the municipality's offer is changing. Throws on database failure. */
export function announceOfferChange(trx: Trx, changes: ChangeBus, municipalityCode: string): Promise<void> {
  return announceChange(trx, changes, 'municipalityOfferChanged', { municipalityCode });
}

/** After the commit: this process's subscribers act on the change. Never throws. */
export function publishOfferChange(changes: ChangeBus, municipalityCode: string): Promise<void> {
  return changes.publish('municipalityOfferChanged', { municipalityCode });
}
