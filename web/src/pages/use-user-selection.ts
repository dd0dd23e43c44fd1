// The Users page's selection for bulk actions: chosen rows (kept while the
// search stays the same, across pages), or "all users matching this filter".
import { useState } from 'react';
import type { BulkTarget } from '../api/bulk';

interface State {
  scope: string;
  ids: ReadonlySet<string>;
  allMatching: boolean;
}

export interface UserSelection {
  ids: ReadonlySet<string>;
  /** Everyone the search matches, not just the rows chosen. */
  allMatching: boolean;
  /** Every row on this page is selected (and there is at least one). */
  allOnPage: boolean;
  someOnPage: boolean;
  target: BulkTarget;
  isSelected(id: string): boolean;
  toggle(id: string): void;
  togglePage(): void;
  selectAllMatching(): void;
  clear(): void;
}

/** `scope` is the search: a new one starts a new selection. */
export function useUserSelection(scope: string, pageIds: string[]): UserSelection {
  const empty: State = { scope, ids: new Set(), allMatching: false };
  const [stored, setState] = useState<State>(empty);
  const state = stored.scope === scope ? stored : empty;
  const selected = (id: string) => state.allMatching || state.ids.has(id);
  const allOnPage = pageIds.length > 0 && pageIds.every(selected);
  const someOnPage = pageIds.some(selected);
  // Unticking a row while "all matching" is on goes back to the rows on this page.
  const explicit = () => (state.allMatching ? new Set(pageIds) : new Set(state.ids));

  return {
    ids: state.ids,
    allMatching: state.allMatching,
    allOnPage,
    someOnPage,
    target: state.allMatching ? { q: scope } : { ids: [...state.ids] },
    isSelected: selected,
    toggle(id) {
      const ids = explicit();
      if (ids.has(id)) ids.delete(id);
      else ids.add(id);
      setState({ scope, ids, allMatching: false });
    },
    togglePage() {
      const ids = explicit();
      for (const id of pageIds) {
        if (allOnPage) ids.delete(id);
        else ids.add(id);
      }
      setState({ scope, ids, allMatching: false });
    },
    selectAllMatching() {
      setState({ scope, ids: state.ids, allMatching: true });
    },
    clear() {
      setState(empty);
    },
  };
}
