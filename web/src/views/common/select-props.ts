import type { ComboboxProps } from '@mantine/core';

// Mantine keeps a closed Select's listbox in the page, labelled like its
// input, so a label would name two elements; mount the list only while open.
export const comboboxProps: ComboboxProps = { keepMounted: false };
