import type { ReactNode } from 'react';
import { Button, Card, Dropdown, Flex, Space, Tag, Typography, type MenuProps } from 'antd';
import { DeleteOutlined, EditOutlined, MoreOutlined, RollbackOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../ui/localized-text';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { orderedFields } from '../fields/field-order';
import { FieldValue, UserName } from '../fields/field-value';
import { isEmptyValue } from '../fields/format';
import type { ObjectMeta, RecordRow } from '../records-api';

const KEY_FIELDS = 4;
const NOT_KEY = new Set(['longText', 'richText', 'address', 'multiSelect', 'file']);

interface DetailHeaderProps {
  meta: ObjectMeta;
  record: RecordRow;
  deleted: boolean;
  onEdit: () => void;
  onTransfer: () => void;
  onDelete: () => void;
  onRestore: () => void;
  /** The object's own actions (convert a lead, open a quote's editor…), shown before the generic ones. */
  extra?: ReactNode;
}

/** Name, owner and the few facts people look for first, with what can be done to the record. */
export function DetailHeader({ meta, record, deleted, onEdit, onTransfer, onDelete, onRestore, extra }: DetailHeaderProps) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const keyFields = orderedFields(meta)
    // Process-maintained flags (locked, owner since…) are details, not the facts people scan for.
    .filter((f) => f.apiName !== 'name' && !f.system && !f.readonly && f.apiName !== 'ownerId' && !NOT_KEY.has(f.type)
      // The currency is already in the amounts' symbol.
      && !(f.apiName === 'currency' && meta.fields.some((x) => x.type === 'currency'))
      && !isEmptyValue(record[f.apiName]))
    .slice(0, KEY_FIELDS);
  const size = isMobile ? 'large' : 'middle';

  const actions = deleted ? (
    <Button type="primary" icon={<RollbackOutlined />} onClick={onRestore} size={size} block={isMobile}>{t('detail.restore')}</Button>
  ) : isMobile ? (
    <Flex vertical gap={8}>
      {extra && <Flex gap={8} className="rp-extra-actions">{extra}</Flex>}
      <Flex gap={8}>
        <Button type="primary" icon={<EditOutlined />} onClick={onEdit} size={size} style={{ flex: 1 }}>{t('common.edit')}</Button>
        <Dropdown trigger={['click']} menu={{
          items: [
            { key: 'transfer', icon: <SwapOutlined />, label: t('detail.transfer') },
            { key: 'delete', icon: <DeleteOutlined />, label: t('common.delete'), danger: true },
          ] satisfies MenuProps['items'],
          onClick: ({ key }) => (key === 'transfer' ? onTransfer() : onDelete()),
        }}>
          <Button icon={<MoreOutlined />} size={size} aria-label={t('common.more')} />
        </Dropdown>
      </Flex>
    </Flex>
  ) : (
    <Space wrap>
      {extra}
      <Button type="primary" icon={<EditOutlined />} onClick={onEdit}>{t('common.edit')}</Button>
      <Button icon={<SwapOutlined />} onClick={onTransfer}>{t('detail.transfer')}</Button>
      <Button danger icon={<DeleteOutlined />} onClick={onDelete}>{t('common.delete')}</Button>
    </Space>
  );

  return (
    <Card styles={{ body: { padding: isMobile ? 14 : 20 } }}>
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="flex-start" gap={16} wrap="wrap">
          <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
            <Space size={8} wrap>
              <Tag color="blue" bordered={false}>{localize(meta.label, i18n.language, meta.apiName)}</Tag>
              {deleted && <Tag color="red" bordered={false}>{t('detail.inRecycleBin')}</Tag>}
            </Space>
            <Typography.Title level={isMobile ? 4 : 3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
              {record.name || t('detail.untitled')}
            </Typography.Title>
            <Typography.Text type="secondary">
              <UserOutlined /> {t('detail.owner')}: <UserName id={record.ownerId} />
            </Typography.Text>
          </Flex>
          {!isMobile && actions}
        </Flex>
        {keyFields.length > 0 && (
          <Flex gap={isMobile ? 12 : 32} wrap="wrap">
            {keyFields.map((f) => (
              <Flex key={f.apiName} vertical style={{ minWidth: isMobile ? 'calc(50% - 6px)' : 120 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{localize(f.label, i18n.language, f.apiName)}</Typography.Text>
                <span style={{ overflowWrap: 'anywhere' }}><FieldValue field={f} record={record} /></span>
              </Flex>
            ))}
          </Flex>
        )}
        {isMobile && actions}
      </Flex>
    </Card>
  );
}
