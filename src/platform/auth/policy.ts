import { AppError } from '../errors.ts';
import type { Principal, Role } from './principal.ts';

/**
 * The platform knows no domain action: each module declares its own in `<module>.policy.ts` with `definePolicy`
 * (after Outline's `server/policies/`), and its services ask that policy. This file holds only the machinery and
 * the predicates the modules' rules share.
 */

/** What most rules look at: the municipality (tenant) and the citizen a resource belongs to. */
export type Resource = { municipalityCode?: string | undefined; citizenId?: string | undefined };

/**
 * One rule: may this actor do the action on this resource? The actor is the signed-in principal; a module whose pages
 * are public (dev-mail) names `Principal | undefined` as its actor, the visitor signed in or not.
 */
export type Rule<R, Actor = Principal> = (actor: Actor, resource: R | undefined) => boolean;

/** A rule, optionally with the reason shown when it refuses (safe to show: it says who may, never why not). */
export type RuleDefinition<R, Actor = Principal> = Rule<R, Actor> | { allow: Rule<R, Actor>; refusal: string };

export type Policy<A extends string, R, Actor = Principal> = {
  /** Whether the actor may do the action on the resource; never throws. */
  can(actor: Actor, action: A, resource?: R): boolean;
  /** As `can`, but refuses with FORBIDDEN (403), the platform's one answer to "not allowed". */
  authorize(actor: Actor, action: A, resource?: R): void;
};

/** Builds a module's policy from its rules, one per action; an action without a rule cannot be named. */
export function definePolicy<A extends string, R = Resource, Actor = Principal>(rules: Record<A, RuleDefinition<R, Actor>>): Policy<A, R, Actor> {
  const allows = (action: A): Rule<R, Actor> => {
    const rule = rules[action];
    return 'allow' in rule ? rule.allow : rule;
  };
  return {
    can: (actor, action, resource) => allows(action)(actor, resource),
    authorize(actor, action, resource) {
      if (allows(action)(actor, resource)) return;
      const rule = rules[action];
      throw new AppError('FORBIDDEN', 'allow' in rule ? rule.refusal : undefined);
    },
  };
}

/** Whether the actor holds any of the roles. */
export const hasRole = (actor: Principal, ...wanted: Role[]): boolean => actor.roles.some((role) => wanted.includes(role));

/** Whether the resource belongs to the municipality the actor signed in for (a municipal role is bound to one). */
export const sameMunicipality = (actor: Principal, resource?: { municipalityCode?: string | undefined }): boolean =>
  actor.municipality !== undefined && resource?.municipalityCode === actor.municipality.code;

/**
 * Whether the actor is staff signed in for an organisation (a municipality, an a-kasse, another actor). Which citizens
 * it may see is the database's answer: those it is or was responsible for (row-level security, migration 0048).
 */
export const actsForOrganisation = (actor: Principal): boolean => actor.audience === 'staff' && actor.organisation !== undefined;

/** Whether the resource is the signed-in citizen's own (a vendor service's principal carries the citizen it acts for). */
export const ownCitizen = (actor: Principal, resource?: { citizenId?: string | undefined }): boolean =>
  actor.citizenId !== undefined && resource?.citizenId === actor.citizenId;
