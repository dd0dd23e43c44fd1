// An organization's Images tab: its catalogue, and for those who manage it,
// Add image, Edit and Delete. This part of the page owns the catalogue's data.
import { Alert, Button, Divider, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertCircle, IconPlus } from '@tabler/icons-react';
import { useMemo, useRef } from 'react';
import { errorMessage } from '../../api/client';
import {
  createImage, deleteImage, myImagesKey, orgImagesKey, updateImage, useOrgImages, type ImageInput,
} from '../../api/orgs';
import type { Image, Org } from '../../api/types';
import { ConfirmDialog } from '../../views/common/ConfirmDialog';
import { ImageFormDialog } from '../../views/images/ImageFormDialog';
import { imageReference } from '../../views/images/ImageRef';
import { ImagesTable } from '../../views/images/ImagesTable';
import { fieldErrors } from '../field-errors';
import { notifySuccess } from '../notify';
import { dialogOf, useDialog } from '../use-dialog';

type ImageDialog = { kind: 'add' } | { kind: 'edit'; image: Image } | { kind: 'delete'; image: Image };

const imageFields = ['name', 'repository', 'tag', 'description'] as const;

export function ImagesTab({ org, mayManage }: { org: Org; mayManage: boolean }) {
  const images = useOrgImages(org.id);
  const queryClient = useQueryClient();
  const addButton = useRef<HTMLButtonElement>(null);
  const dialogs = useDialog<ImageDialog>(() => {
    save.reset();
    remove.reset();
  });
  const refresh = () => Promise.all([
    queryClient.invalidateQueries({ queryKey: orgImagesKey(org.id) }),
    queryClient.invalidateQueries({ queryKey: myImagesKey }),
  ]);

  const save = useMutation({
    mutationFn: ({ image, values }: { image?: Image; values: Partial<ImageInput> }) =>
      image ? updateImage(image.id, values) : createImage(org.id, values as ImageInput),
    onSuccess: ({ image }, { image: before }) => {
      void refresh();
      dialogs.close();
      notifySuccess(before ? `${image.name} was saved.` : `${image.name} was added to ${org.name}.`);
    },
  });
  const remove = useMutation({
    mutationFn: (image: Image) => deleteImage(image.id),
    onSuccess: (_, image) => {
      queryClient.setQueryData<Image[]>(orgImagesKey(org.id), (list) => list?.filter((i) => i.id !== image.id));
      void refresh();
      dialogs.close();
      notifySuccess(`${image.name} was deleted.`);
    },
  });
  const saveErrors = useMemo(() => fieldErrors(save.error, imageFields), [save.error]);

  const editing = dialogOf(dialogs.dialog, 'edit')?.image;
  const deleting = dialogOf(dialogs.dialog, 'delete')?.image;
  const formOpen = dialogs.isOpen('add') || dialogs.isOpen('edit');

  return (
    <Stack gap={0}>
      <Group justify="space-between" align="center" p="md" mih={68}>
        <Text size="sm" c="dimmed">
          The workspace images members of {org.name} can use.
        </Text>
        {mayManage && (
          <Button ref={addButton} leftSection={<IconPlus size={16} />} onClick={() => dialogs.open({ kind: 'add' })}>Add image</Button>
        )}
      </Group>
      {images.error && (
        <Alert mx="md" mb="md" color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Images could not be loaded">
          {errorMessage(images.error)}
        </Alert>
      )}
      <Divider />
      <div>
        <ImagesTable
          images={images.data ?? (images.isError ? [] : undefined)}
          empty={images.isError
            ? { title: 'No images to show', hint: 'See the message above.' }
            : { title: 'No images yet', hint: mayManage ? 'Add the first one with Add image.' : 'This organization’s managers add its images.' }}
          onEdit={mayManage ? (image) => dialogs.open({ kind: 'edit', image }) : undefined}
          onDelete={mayManage ? (image) => dialogs.open({ kind: 'delete', image }) : undefined}
        />
      </div>

      <ImageFormDialog
        opened={formOpen}
        title={dialogs.dialog?.kind === 'edit' ? 'Edit image' : 'Add image'}
        submitLabel={dialogs.dialog?.kind === 'edit' ? 'Save' : 'Add'}
        orgName={org.name}
        initial={editing && { name: editing.name, repository: editing.repository, tag: editing.tag, description: editing.description }}
        pending={save.isPending}
        errors={saveErrors}
        onSubmit={(values) => {
          if (editing && Object.keys(values).length === 0) dialogs.close();
          else save.mutate({ image: editing, values });
        }}
        onClose={dialogs.close}
      />
      <ConfirmDialog
        opened={dialogs.isOpen('delete')}
        title={deleting ? `Delete ${deleting.name}?` : ''}
        confirmLabel="Delete"
        danger
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={dialogs.close}
        fallbackFocus={addButton}
      >
        <Text size="sm">
          {deleting && <>{deleting.name} (<Text span ff="monospace" size="sm">{imageReference(deleting)}</Text>) </>}
          leaves the catalogue of {org.name}: its members can no longer choose it for new workspaces. The image itself stays in
          its registry.
        </Text>
      </ConfirmDialog>
    </Stack>
  );
}
