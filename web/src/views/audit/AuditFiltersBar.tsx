// The Audit page's filters: what, by whom, to what, and when.
import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { auditActions, resourceTypes, type AuditFilters } from '../../api/audit';
import { comboboxProps } from '../common/select-props';

export interface AuditFiltersBarProps {
  filters: AuditFilters;
  onChange(key: keyof AuditFilters, value: string): void;
}

const any = { value: '', label: 'Any' };
const options = (values: string[]) => [any, ...values.map((value) => ({ value, label: value }))];

export function AuditFiltersBar({ filters, onChange }: AuditFiltersBarProps) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3, lg: 6 }} spacing="sm" verticalSpacing="xs">
      <Select
        comboboxProps={comboboxProps}
        label="Resource type"
        data={options(resourceTypes)}
        value={filters.resourceType}
        onChange={(value) => onChange('resourceType', value ?? '')}
        allowDeselect={false}
      />
      <Select
        comboboxProps={comboboxProps}
        label="Action"
        data={options(auditActions)}
        value={filters.action}
        onChange={(value) => onChange('action', value ?? '')}
        allowDeselect={false}
      />
      <TextInput
        label="Actor"
        placeholder="Id or email"
        value={filters.actor}
        onChange={(event) => onChange('actor', event.currentTarget.value)}
        spellCheck={false}
        autoComplete="off"
      />
      <TextInput
        label="Target"
        placeholder="Id or name"
        value={filters.target}
        onChange={(event) => onChange('target', event.currentTarget.value)}
        spellCheck={false}
        autoComplete="off"
      />
      <TextInput
        label="From"
        type="datetime-local"
        value={filters.since}
        onChange={(event) => onChange('since', event.currentTarget.value)}
      />
      <TextInput
        label="Until"
        type="datetime-local"
        value={filters.until}
        onChange={(event) => onChange('until', event.currentTarget.value)}
      />
    </SimpleGrid>
  );
}
