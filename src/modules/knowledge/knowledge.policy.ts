import { definePolicy, hasRole, ownCitizen, sameMunicipality, type Resource } from '../../platform/auth/policy.ts';

/** What can be asked of the knowledge module's policy. */
export type KnowledgeAction = 'knowledge.ask' | 'knowledge.national.read' | 'knowledge.national.write' | 'knowledge.local.manage';

/**
 * A citizen asks their own questions (and hands them over as themself). Governance writes the national articles
 * (its reviewers read them and their use); a municipality's content owners and administrators write its local
 * articles and see its handed-over questions and the use of the articles in it — their own municipality's only.
 */
export const knowledgePolicy = definePolicy<KnowledgeAction, Resource>({
  'knowledge.ask': (actor, resource) => hasRole(actor, 'citizen') && ownCitizen(actor, resource),
  'knowledge.national.read': (actor) => hasRole(actor, 'governance_admin', 'governance_reviewer'),
  'knowledge.national.write': (actor) => hasRole(actor, 'governance_admin'),
  'knowledge.local.manage': (actor, resource) => hasRole(actor, 'content_owner', 'municipal_admin') && sameMunicipality(actor, resource),
});
