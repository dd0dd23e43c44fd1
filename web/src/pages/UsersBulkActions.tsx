// The Users page's bulk actions (issue 9): the selection bar above the table
// and the dialog that dry-runs, applies and reports. It owns the count query
// and the runs; BulkBar and BulkDialog only draw.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { bulkActions, useUserCount, type BulkAction, type BulkOptions } from '../api/bulk';
import { errorMessage } from '../api/client';
import type { Permission, SiteRole } from '../api/types';
import { usersKey } from '../api/users';
import { BulkBar } from '../views/users/bulk/BulkBar';
import { BulkDialog } from '../views/users/bulk/BulkDialog';
import { useBulkRun } from './use-bulk-run';
import type { UserSelection } from './use-user-selection';

export interface UsersBulkActionsProps {
  /** The search the table shows (the filter "all matching" means). */
  q: string;
  selection: UserSelection;
  /** More users may match than this page shows. */
  morePages: boolean;
  roleOptions: SiteRole[];
  can(permission: Permission): boolean;
}

export function UsersBulkActions({ q, selection, morePages, roleOptions, can }: UsersBulkActionsProps) {
  const queryClient = useQueryClient();
  const count = useUserCount(q, selection.allMatching || (selection.allOnPage && morePages));
  const total = count.data;
  const [action, setAction] = useState<BulkAction | null>(null);
  const [opened, setOpened] = useState(false);
  // Fixed when the dialog opens, so its title stays put as the selection clears behind it.
  const [dialogCount, setDialogCount] = useState(0);
  const [role, setRole] = useState<SiteRole | null>(null);
  const [reason, setReason] = useState('');
  const run = useBulkRun();

  const selected = selection.allMatching ? total ?? 0 : selection.ids.size;
  // The server checks each action's permission (and user.update for them all); offer only what it allows.
  const actions = can('user.update') ? bulkActions.filter((a) => can(a.permission)) : [];
  const options = (): BulkOptions => ({ role: role ?? undefined, reason });

  const open = (next: BulkAction) => {
    setAction(next);
    setDialogCount(selected);
    setRole(null);
    setReason('');
    setOpened(true);
    run.reset();
    if (next !== 'change-role') run.check(next, selection.target, {});
  };
  const close = () => {
    setOpened(false);
    if (run.state.phase === 'done') {
      // Something changed: show it, and start afresh.
      void queryClient.invalidateQueries({ queryKey: usersKey });
      selection.clear();
    }
    run.reset();
  };

  return (
    <>
      {selected > 0 && (
        <BulkBar
          count={selected}
          allMatching={selection.allMatching}
          offerAll={!selection.allMatching && selection.allOnPage && total !== undefined && total > selection.ids.size
            ? { total, filtered: q.trim() !== '' }
            : undefined}
          actions={actions}
          onSelectAllMatching={selection.selectAllMatching}
          onClear={selection.clear}
          onAction={open}
        />
      )}
      <BulkDialog
        opened={opened}
        action={action}
        count={dialogCount}
        phase={run.state.phase}
        results={run.state.results}
        planned={run.state.planned}
        error={run.state.error ? errorMessage(run.state.error) : null}
        roleOptions={roleOptions}
        role={role}
        onRoleChange={(next) => {
          setRole(next);
          if (action) run.check(action, selection.target, { role: next });
        }}
        reason={reason}
        onReasonChange={setReason}
        onApply={() => action && run.apply(action, selection.target, options())}
        onClose={close}
      />
    </>
  );
}
