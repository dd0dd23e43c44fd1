// The Images page's body: one card per organization the user is in, listing
// the images its membership lets them use.
import { Anchor, Badge, Card, Group, Title } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Image } from '../../api/types';
import { ImagesTable } from './ImagesTable';

export interface CatalogGroup {
  org: { id: string; name: string };
  images: Image[];
}

export function ImageCatalog({ groups }: { groups: CatalogGroup[] }) {
  return groups.map(({ org, images }) => (
    <Card key={org.id} withBorder padding="lg" radius="md" shadow="xs" component="section" aria-labelledby={`org-${org.id}`}>
      <Group justify="space-between" align="center" mb="md">
        <Group gap="xs">
          <IconBuildingCommunity size={20} stroke={1.75} aria-hidden />
          <Title order={2} size="h4" id={`org-${org.id}`}>{org.name}</Title>
          <Badge variant="light" color="gray" radius="sm" tt="none" aria-label={`${images.length} ${images.length === 1 ? 'image' : 'images'}`}>
            {images.length}
          </Badge>
        </Group>
        <Anchor component={Link} to={`/orgs/${org.id}?tab=images`} size="sm">Open organization</Anchor>
      </Group>
      <Card.Section withBorder>
        <ImagesTable images={images} empty={{ title: `No images in ${org.name} yet`, hint: 'Its managers add them from the organization’s Images tab.' }} />
      </Card.Section>
    </Card>
  ));
}
