import { claimNames } from './identity.claims.ts';

/**
 * Where a citizen lives, which decides the municipality whose offer they see. The identity is one source
 * (the test IdP and the brokers that carry it); a CPR-register lookup (e.g. through Serviceplatformen) is
 * another, and can take this one's place in IdentityDeps without anything else changing.
 */
export type ResidenceLookup = {
  municipalityOf(citizen: { cpr: string; claims: Record<string, unknown> }): Promise<string | undefined>;
};

/** Reads the municipality of residence from the identity's municipality claim. */
export const residenceFromIdentity: ResidenceLookup = {
  municipalityOf: ({ claims }) => {
    const code = claims[claimNames.municipality];
    return Promise.resolve(typeof code === 'string' && /^[0-9]{3}$/.test(code) ? code : undefined);
  },
};
