// Images (SPEC §4, §6.1): what the signed-in user may use, which is exactly
// the images of their organizations, grouped by organization.
import { Alert, Card, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconStack2 } from '@tabler/icons-react';
import { errorMessage } from '../api/client';
import { useMyImages } from '../api/orgs';
import { useMe } from '../api/session';
import { EmptyState } from '../views/common/table-parts';
import { ImageCatalog, type CatalogGroup } from '../views/images/ImageCatalog';

/** "Default", "Default and Mobile", "Default, Data Science and Mobile". */
function listOfNames(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function ImagesPage() {
  const me = useMe();
  const images = useMyImages();

  // The user's organizations, plus any an image names that their own record has not caught up with yet.
  const orgs = [...(me.data?.organizations ?? [])];
  for (const image of images.data ?? []) {
    if (!orgs.some((o) => o.id === image.orgId)) orgs.push({ id: image.orgId, name: image.orgName ?? 'Organization', role: 'org-member' });
  }
  orgs.sort((a, b) => a.name.localeCompare(b.name));
  const groups: CatalogGroup[] = orgs.map((org) => ({ org, images: images.data?.filter((i) => i.orgId === org.id) ?? [] }));
  const withImages = groups.filter((g) => g.images.length > 0);

  let body;
  if (images.isPending || me.isPending) {
    body = <Center py="xl"><Loader aria-label="Loading" /></Center>;
  } else if (images.error) {
    body = (
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Images could not be loaded">
        {errorMessage(images.error)}
      </Alert>
    );
  } else if (withImages.length === 0) {
    const names = listOfNames(orgs.map((o) => o.name));
    body = (
      <Card withBorder padding="lg" radius="md" shadow="xs">
        <EmptyState icon={<IconStack2 size={32} stroke={1.5} color="var(--mantine-color-dimmed)" aria-hidden />} title="No images yet">
          {orgs.length === 0
            ? 'You are not in any organization yet, and images come from organizations. An administrator can add you to one.'
            : `You are in ${names}; ${orgs.length === 1 ? 'it has no' : 'none of them has'} images yet. An organization’s managers add its images.`}
        </EmptyState>
      </Card>
    );
  } else {
    // Organizations without images would only repeat "none yet": name them once, after the rest.
    const empty = groups.filter((g) => g.images.length === 0).map((g) => g.org.name);
    body = (
      <>
        <ImageCatalog groups={withImages} />
        {empty.length > 0 && (
          <Text size="sm" c="dimmed">
            {listOfNames(empty)} {empty.length === 1 ? 'has' : 'have'} no images yet.
          </Text>
        )}
      </>
    );
  }

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">Images</Title>
        <Text c="dimmed" size="sm">The workspace images you can use, from your organizations.</Text>
      </div>
      {body}
    </Stack>
  );
}
