// operations: the operator's log of what happened to the installation, and its upkeep.
export { listOpsLog, pruneOpsLog, recordOpsEvent } from './operations.service.ts';
export { pruneOpsLogJob } from './operations.jobs.ts';
