// Manage > Audit (SPEC §5, §6.1): this page owns the filters (kept in the
// URL), the entries query and which rows are open; the views only draw.
import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconAlertCircle, IconDownload, IconFilterOff, IconHistory } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../api/client';
import { auditExportUrl, auditFilterKeys, useAuditList, type AuditFilters } from '../api/audit';
import { useCan } from '../api/session';
import { AuditFiltersBar } from '../views/audit/AuditFiltersBar';
import { AuditTable } from '../views/audit/AuditTable';

/** Typed filters follow after a pause in typing; chosen ones at once. */
const typedKeys: ReadonlySet<keyof AuditFilters> = new Set(['actor', 'target']);

function readFilters(params: URLSearchParams): AuditFilters {
  return Object.fromEntries(auditFilterKeys.map((key) => [key, params.get(key) ?? ''])) as unknown as AuditFilters;
}

export function AuditPage() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);

  // Only filters that are set go in the URL, so a plain /audit stays plain.
  const apply = (next: AuditFilters) => setParams(() => {
    const search = new URLSearchParams();
    for (const key of auditFilterKeys) if (next[key].trim()) search.set(key, next[key]);
    return search;
  }, { replace: true });

  // The inputs answer every keystroke; the list follows.
  const [draft, setDraft] = useState(filters);
  const applyTyped = useDebouncedCallback(apply, 300);
  const urlFilters = params.toString();
  // Back and forward change the URL under the inputs; typing still on its way wins.
  useEffect(() => {
    if (!applyTyped.isPending()) setDraft(readFilters(params));
  }, [urlFilters]);

  const onChange = (key: keyof AuditFilters, value: string) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    if (typedKeys.has(key)) applyTyped(next);
    else {
      applyTyped.cancel();
      apply(next);
    }
  };
  const onClear = () => {
    applyTyped.cancel();
    const empty = readFilters(new URLSearchParams());
    setDraft(empty);
    apply(empty);
  };

  const list = useAuditList(filters);
  const entries = list.data?.pages.flatMap((p) => p.entries) ?? (list.isError ? [] : undefined);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) => setExpanded((prev) => {
    const next = new Set(prev);
    if (!next.delete(id)) next.add(id);
    return next;
  });
  const filtered = auditFilterKeys.some((key) => filters[key].trim() !== '');
  const draftSet = auditFilterKeys.some((key) => draft[key].trim() !== '');

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">Audit</Title>
        <Text c="dimmed" size="sm">Every change, sign-in and failed sign-in: who did it, from where, and what changed.</Text>
      </div>
      <Card withBorder padding="lg" radius="md" shadow="xs">
        <Group justify="space-between" align="center" mb="md">
          <Group gap="xs">
            <IconHistory size={20} stroke={1.75} aria-hidden />
            <Title order={2} size="h4">Audit log</Title>
          </Group>
          <Group gap="sm">
            <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} />} onClick={onClear} disabled={!draftSet}>
              Clear filters
            </Button>
            {can('audit.export') && (
              <Button component="a" href={auditExportUrl(filters)} download variant="default" leftSection={<IconDownload size={16} />}>
                Export CSV
              </Button>
            )}
          </Group>
        </Group>
        <AuditFiltersBar filters={draft} onChange={onChange} />
        {list.error && (
          <Alert
            mt="md"
            color="red"
            variant="light"
            icon={<IconAlertCircle size={18} />}
            title={list.error instanceof ApiError && list.error.status === 400 ? 'Check the filters' : 'The audit log could not be loaded'}
          >
            {errorMessage(list.error)}
          </Alert>
        )}
        <Card.Section withBorder mt="md">
          <AuditTable
            entries={entries}
            stale={list.isPlaceholderData}
            emptyReason={list.isError ? 'failed' : filtered ? 'filtered' : 'none'}
            expanded={expanded}
            onToggle={toggle}
          />
        </Card.Section>
        {list.hasNextPage && !list.isError && (
          <Card.Section inheritPadding py="sm">
            <Group justify="center">
              <Button variant="default" loading={list.isFetchingNextPage} disabled={list.isPlaceholderData} onClick={() => void list.fetchNextPage()}>
                Load more
              </Button>
            </Group>
          </Card.Section>
        )}
      </Card>
    </Stack>
  );
}
