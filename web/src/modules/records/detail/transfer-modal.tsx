import { useState } from 'react';
import { Alert, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api';
import { UserPicker } from '../fields/pickers';

interface TransferModalProps {
  open: boolean;
  currentOwner: unknown;
  onClose: () => void;
  onTransfer: (ownerId: string) => Promise<void>;
}

/** Hand a record to a colleague: a PATCH of its owner, checked against the transfer permission. */
export function TransferModal({ open, currentOwner, onClose, onTransfer }: TransferModalProps) {
  const { t } = useTranslation();
  const [owner, setOwner] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (!owner) return;
    setSaving(true);
    setError(null);
    try {
      await onTransfer(owner);
      setOwner(null);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open={open} title={t('detail.transferTitle')} onCancel={onClose} onOk={() => void submit()} destroyOnHidden
      okText={t('detail.transfer')} cancelText={t('common.cancel')} confirmLoading={saving}
      okButtonProps={{ disabled: !owner || owner === currentOwner }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label={t('bulk.newOwner')} extra={t('detail.transferHint')}>
          <UserPicker value={owner} onChange={(v) => setOwner(v as string | null)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
