// The server's guardrails (SPEC §2), mirrored so the Users page never offers a
// control the server would refuse. The server stays the authority: this only
// decides what to show. What the actor may do comes from their permissions;
// the target's role only matters for the guardrails about whom they act on.
import type { Permission, SiteRole, User } from '../../api/types';

export interface Actor {
  id: string;
  siteRole: SiteRole;
  can(permission: Permission): boolean;
}

export interface RowAbilities {
  /** Roles to offer in the Site role drop-down; empty means show static text. */
  roleOptions: SiteRole[];
  changeAuthType: boolean;
  resetPassword: boolean;
  suspend: boolean;
  activate: boolean;
  delete: boolean;
}

// Who may hand out which role; nobody grants site-admin.
const grantable: Record<SiteRole, SiteRole[]> = {
  'site-admin': ['member', 'auditor', 'site-manager'],
  'site-manager': ['member', 'auditor'],
  auditor: [],
  member: [],
};

/** The roles the actor may give someone: the New User dialog's choices too. */
export function grantableRoles(actor: Actor): SiteRole[] {
  return actor.can('user.assign-role') ? grantable[actor.siteRole] : [];
}

/** Nobody acts on themselves or the site admin; only the site admin acts on a site manager. */
export function mayManage(actor: Actor, target: Pick<User, 'id' | 'siteRole'>): boolean {
  if (target.id === actor.id) return false;
  if (target.siteRole === 'site-admin') return false;
  if (target.siteRole === 'site-manager' && actor.siteRole !== 'site-admin') return false;
  return true;
}

export function abilitiesFor(actor: Actor, target: User): RowAbilities {
  const manage = mayManage(actor, target);
  // Editing someone else at all needs user.update; a role change needs the grant on top.
  const edit = manage && actor.can('user.update');
  const roles = grantableRoles(actor);
  const suspended = target.status === 'suspended';
  return {
    roleOptions: edit && roles.includes(target.siteRole) ? roles : [],
    changeAuthType: edit,
    resetPassword: manage && actor.can('user.reset-password') && target.loginType === 'built-in',
    suspend: manage && actor.can('user.suspend') && !suspended,
    activate: manage && actor.can('user.suspend') && suspended,
    delete: manage && actor.can('user.delete'),
  };
}

export function hasRowActions(abilities: RowAbilities): boolean {
  return abilities.resetPassword || abilities.suspend || abilities.activate || abilities.delete;
}
