import type { OrgRole } from '../../api/types';
import { orgRoleLabels } from '../../api/types';

/** The org roles as drop-down options, the everyday one first. */
export const orgRoleOptions = (['org-member', 'org-manager'] as OrgRole[]).map((value) => ({ value, label: orgRoleLabels[value] }));
