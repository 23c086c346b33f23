import { useState } from 'react';
import { App, Button, Flex, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api';
import { bulkWrite, invalidateObject, removeRowsFromLists } from '../record-mutations';
import type { ObjectMeta } from '../records-api';
import { MassUpdateModal } from './mass-update-modal';

interface BulkActionsProps {
  meta: ObjectMeta;
  selected: string[];
  onDone: () => void;
}

/** What can be done to many records at once: change a field, hand them to someone else, delete them. */
export function BulkActions({ meta, selected, onDone }: BulkActionsProps) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<'update' | 'transfer' | null>(null);
  const count = selected.length;

  const remove = () => modal.confirm({
    title: t('bulk.deleteConfirm', { count }),
    content: t('bulk.deleteHint'),
    okText: t('common.delete'), cancelText: t('common.cancel'), okButtonProps: { danger: true },
    onOk: async () => {
      try {
        await bulkWrite(meta.apiName, 'delete', selected.map((id) => ({ id })));
        removeRowsFromLists(qc, meta.apiName, new Set(selected));
        message.success(t('bulk.deleted', { count }));
        onDone();
        void invalidateObject(qc, meta.apiName);
      } catch (err) {
        message.error(errorMessage(err));
      }
    },
  });

  return (
    <Flex align="center" gap={8} wrap="wrap" role="toolbar" aria-label={t('bulk.title')}
      style={{ padding: '8px 12px', background: '#eef3fd', borderRadius: 8 }}>
      <Typography.Text strong>{t('bulk.selected', { count })}</Typography.Text>
      <Button size="small" icon={<EditOutlined />} onClick={() => setDialog('update')}>{t('bulk.update')}</Button>
      <Button size="small" icon={<SwapOutlined />} onClick={() => setDialog('transfer')}>{t('bulk.transfer')}</Button>
      <Button size="small" danger icon={<DeleteOutlined />} onClick={remove}>{t('common.delete')}</Button>
      <Button size="small" type="link" onClick={onDone}>{t('bulk.clear')}</Button>
      <MassUpdateModal meta={meta} ids={selected} mode={dialog} onClose={() => setDialog(null)} onDone={onDone} />
    </Flex>
  );
}
