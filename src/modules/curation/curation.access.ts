/** Who works in a municipality's workspace: its content owners and administrators (bound to it by their sign-in). */
export const workspaceAccess = { access: { roles: ['content_owner', 'municipal_admin'], level: 'Substantial' } } as const;
