import { Drawer, Modal, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../ui/localized-text';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { useObjectMeta, type RecordRow } from '../records-api';
import { RecordForm } from './record-form';

interface RecordFormDialogProps {
  object: string;
  open: boolean;
  record?: RecordRow;
  defaults?: Record<string, unknown>;
  onClose: () => void;
  onSaved?: (record: RecordRow) => void;
  onReload?: () => void;
}

/** The form in a dialog on desktop, a full-screen sheet on a phone (one column, thumb-sized controls). */
export function RecordFormDialog({ object, open, record, defaults, onClose, onSaved, onReload }: RecordFormDialogProps) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const meta = useObjectMeta(object);
  const label = meta.data ? localize(meta.data.label, i18n.language, object) : '';
  const title = record ? t('form.editTitle', { object: label }) : t('form.newTitle', { object: label });

  const body = meta.data ? (
    // Keyed so reopening for another record starts from that record's values, not the last form's.
    <RecordForm key={record ? `${record.id}:${record.version}` : 'new'} meta={meta.data} record={record}
      defaults={defaults} onCancel={onClose} onReload={onReload}
      onSaved={(saved) => { onClose(); onSaved?.(saved); }} />
  ) : <Skeleton active paragraph={{ rows: 6 }} />;

  if (isMobile) {
    return (
      <Drawer open={open} onClose={onClose} title={title} placement="bottom" size="100%" destroyOnHidden
        styles={{ body: { padding: '12px 16px 0' } }}>
        {body}
      </Drawer>
    );
  }
  return (
    <Modal open={open} onCancel={onClose} title={title} footer={null} width={760} destroyOnHidden
      mask={{ closable: false }} styles={{ body: { maxHeight: 'calc(100vh - 200px)', overflowY: 'auto', paddingRight: 8 } }}>
      {body}
    </Modal>
  );
}
