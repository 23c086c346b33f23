import { useState } from 'react';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { DownOutlined, EyeOutlined, TeamOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api';
import type { ListPatch, ListState } from '../list/list-state';
import { SaveViewModal } from './save-view-modal';
import {
  createView, deleteView, sameDefinition, updateView, useViews, viewKeys, type SavedView, type ViewDefinition,
} from './views-api';

interface ViewPickerProps {
  object: string;
  state: ListState;
  onChange: (patch: ListPatch) => void;
}

function definitionOf(state: ListState): ViewDefinition {
  return { columns: state.columns ?? undefined, sort: state.sort || undefined, filter: state.filter ?? undefined, q: state.q || undefined };
}

const ALL = '__all';

/** Switch between saved views, save the list as it is now, rename, share or delete a view. */
export function ViewPicker({ object, state, onChange }: ViewPickerProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const views = useViews(object);
  const [dialog, setDialog] = useState<'new' | 'edit' | null>(null);
  const current = views.data?.find((v) => v.id === state.viewId);
  const currentDef = definitionOf(state);
  const modified = current ? !sameDefinition(current.definition, currentDef) : false;
  const refresh = () => qc.invalidateQueries({ queryKey: viewKeys.list(object) });

  const open = (view: SavedView | null) => {
    const d = view?.definition ?? {};
    onChange({ viewId: view?.id ?? null, columns: d.columns ?? null, sort: d.sort ?? '', filter: d.filter ?? null, q: d.q ?? '' });
  };

  const items: MenuProps['items'] = [
    { key: ALL, label: t('views.all') },
    ...(views.data?.length ? [{
      type: 'group' as const, label: t('views.saved'),
      children: views.data.map((v) => ({ key: v.id, label: v.name, icon: v.shared ? <TeamOutlined /> : <EyeOutlined /> })),
    }] : []),
    { type: 'divider' },
    { key: 'save-new', label: t('views.saveAs') },
    ...(current?.editable && modified ? [{ key: 'save', label: t('views.saveChanges', { name: current.name }) }] : []),
    ...(current?.editable ? [
      { key: 'edit', label: t('views.rename') },
      { key: 'delete', label: t('views.delete'), danger: true },
    ] : []),
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === ALL) open(null);
    else if (key === 'save-new') setDialog('new');
    else if (key === 'edit') setDialog('edit');
    else if (key === 'save' && current) {
      updateView(current.id, { definition: currentDef })
        .then(() => { void refresh(); message.success(t('views.savedToast')); })
        .catch((err: unknown) => message.error(errorMessage(err)));
    } else if (key === 'delete' && current) {
      modal.confirm({
        title: t('views.deleteConfirm', { name: current.name }), okButtonProps: { danger: true }, okText: t('common.delete'),
        cancelText: t('common.cancel'),
        onOk: () => deleteView(current.id).then(() => { open(null); void refresh(); })
          .catch((err: unknown) => { message.error(errorMessage(err)); }),
      });
    } else {
      const view = views.data?.find((v) => v.id === key);
      if (view) open(view);
    }
  };

  const submit = async (values: { name: string; shared: boolean }) => {
    if (dialog === 'edit' && current) {
      await updateView(current.id, values);
    } else {
      const created = await createView({ object, ...values, definition: currentDef });
      onChange({ viewId: created.id });
    }
    await refresh();
    message.success(t('views.savedToast'));
  };

  return (
    <>
      <Dropdown menu={{ items, onClick, selectable: true, selectedKeys: [state.viewId ?? ALL] }} trigger={['click']}>
        <Button aria-label={t('views.title')}>
          <span style={{ maxWidth: 180, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {current?.name ?? t('views.all')}{modified ? ' *' : ''}
          </span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      <SaveViewModal open={dialog !== null} view={dialog === 'edit' ? current : undefined}
        onClose={() => setDialog(null)} onSubmit={submit} />
    </>
  );
}
