// One bulk action in the Users page's dialog: the dry run first, then (on
// Apply) the real run, each followed call by call so the dialog shows progress.
import { useRef, useState } from 'react';
import { runBulk, type BulkAction, type BulkOptions, type BulkResult, type BulkTarget } from '../api/bulk';

export type BulkPhase = 'idle' | 'checking' | 'preview' | 'applying' | 'done';

export interface BulkRunState {
  phase: BulkPhase;
  results: BulkResult[];
  /** The dry run's results, kept while the real run goes: what it expects to get through. */
  planned: BulkResult[];
  /** A call that failed as a whole (403, a bad filter, the network): the run stopped there. */
  error: unknown;
}

const idle: BulkRunState = { phase: 'idle', results: [], planned: [], error: null };

export function useBulkRun() {
  const [state, setState] = useState<BulkRunState>(idle);
  // Each run has a number; the answers of a run that was replaced or stopped are dropped.
  const generation = useRef(0);

  const run = (dryRun: boolean, action: BulkAction, target: BulkTarget, options: BulkOptions) => {
    const mine = ++generation.current;
    const stopped = () => generation.current !== mine;
    const running: BulkPhase = dryRun ? 'checking' : 'applying';
    const finished: BulkPhase = dryRun ? 'preview' : 'done';
    setState((s) => ({ phase: running, results: [], planned: dryRun ? [] : s.results, error: null }));
    runBulk(action, target, dryRun, options, (page) => setState((s) => ({ ...s, results: [...s.results, ...page] })), stopped)
      .then(
        () => !stopped() && setState((s) => ({ ...s, phase: finished })),
        (error: unknown) => !stopped() && setState((s) => ({ ...s, phase: finished, error })),
      );
  };

  return {
    state,
    /** Asks what would happen; changes nothing. */
    check: (action: BulkAction, target: BulkTarget, options: BulkOptions) => run(true, action, target, options),
    apply: (action: BulkAction, target: BulkTarget, options: BulkOptions) => run(false, action, target, options),
    /** Forgets the run; anything still on its way is ignored. */
    reset() {
      generation.current++;
      setState(idle);
    },
  };
}
