// An image's pull reference, repository:tag, in monospace with a copy button.
import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { Image } from '../../api/types';

export function imageReference(image: Pick<Image, 'repository' | 'tag'>): string {
  return `${image.repository}:${image.tag}`;
}

export function ImageRef({ image, copyable = true }: { image: Pick<Image, 'repository' | 'tag'>; copyable?: boolean }) {
  const reference = imageReference(image);
  return (
    <Group gap={4} wrap="nowrap">
      <Code style={{ overflowWrap: 'anywhere', minWidth: 0, fontSize: 'var(--mantine-font-size-xs)' }}>{reference}</Code>
      {copyable && (
        <CopyButton value={reference} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow position="top">
              <ActionIcon
                variant="subtle"
                color={copied ? 'teal' : 'gray'}
                size="sm"
                aria-label={copied ? `Copied ${reference}` : `Copy ${reference}`}
                onClick={copy}
              >
                {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      )}
    </Group>
  );
}
