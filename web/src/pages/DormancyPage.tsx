// Manage > Admin > Dormancy: loads and saves the settings; DormancyForm draws them.
import { Card, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { errorMessage } from '../api/client';
import { dormancyKey, fetchDormancy, saveDormancy, type DormancySettings } from '../api/dormancy';
import { useCan } from '../api/session';
import { usersKey } from '../api/users';
import { DormancyForm } from '../views/dormancy/DormancyForm';
import { fieldErrors } from './field-errors';
import { notifySuccess } from './notify';

const fields = ['thresholdDays', 'deleteAfterDays'] as const;

export function DormancyPage() {
  const can = useCan();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: dormancyKey, queryFn: fetchDormancy, enabled: can('settings.read') });
  const save = useMutation({
    mutationFn: (next: DormancySettings) => saveDormancy(next),
    onSuccess: (saved) => {
      queryClient.setQueryData(dormancyKey, saved);
      // Who counts as dormant may have changed.
      void queryClient.invalidateQueries({ queryKey: usersKey });
      notifySuccess('Dormancy settings saved.');
    },
  });
  const errors = useMemo(() => fieldErrors(save.error, fields), [save.error]);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">Dormancy</Title>
        <Text c="dimmed" size="sm">Mark accounts nobody uses as dormant, and optionally clean them up.</Text>
      </div>
      <Card withBorder padding="lg" radius="md" shadow="xs" maw={880}>
        {settings.error && <Text c="red" role="alert">{errorMessage(settings.error)}</Text>}
        {settings.isPending && <Center py="xl"><Loader aria-label="Loading" /></Center>}
        {settings.data && (
          <DormancyForm
            settings={settings.data}
            editable={can('settings.update')}
            pending={save.isPending}
            errors={errors}
            onSubmit={(next) => save.mutate(next)}
          />
        )}
      </Card>
    </Stack>
  );
}
