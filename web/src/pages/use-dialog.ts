import { useState } from 'react';

/**
 * Which of a page's dialogs is open. The last one opened stays known while it
 * animates closed, so its content does not vanish mid-transition; and the
 * dialog's Modal stays mounted, so focus returns where it was when it closes.
 */
export function useDialog<D extends { kind: string }>(onOpen?: () => void) {
  const [dialog, setDialog] = useState<D | null>(null);
  const [opened, setOpened] = useState(false);
  return {
    dialog,
    open(next: D) {
      onOpen?.();
      setDialog(next);
      setOpened(true);
    },
    close() {
      setOpened(false);
    },
    isOpen(kind: D['kind']): boolean {
      return opened && dialog?.kind === kind;
    },
  };
}

/** The open dialog's data when it is of this kind. */
export function dialogOf<D extends { kind: string }, K extends D['kind']>(dialog: D | null, kind: K): Extract<D, { kind: K }> | undefined {
  return dialog?.kind === kind ? (dialog as Extract<D, { kind: K }>) : undefined;
}
