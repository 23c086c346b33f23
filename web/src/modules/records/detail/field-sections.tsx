import { useState } from 'react';
import { Button, Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../ui/localized-text';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { orderedFields } from '../fields/field-order';
import { FieldValue } from '../fields/field-value';
import { isEmptyValue } from '../fields/format';
import type { FieldMeta, ObjectMeta, RecordRow } from '../records-api';

const SYSTEM_ORDER = ['ownerId', 'createdBy', 'createdAt', 'updatedAt'];

function isSystem(f: FieldMeta): boolean {
  return SYSTEM_ORDER.includes(f.apiName) || f.apiName === 'version';
}

/** Every field the viewer may see, grouped as the record's own details and who/when information. */
export function FieldSections({ meta, record }: { meta: ObjectMeta; record: RecordRow }) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const fields = orderedFields(meta).filter((f) => f.apiName !== 'name');
  // On a phone a column of dashes is a long scroll to nothing; the empty fields are one tap away.
  const [showEmpty, setShowEmpty] = useState(!isMobile);
  const allDetails = fields.filter((f) => !isSystem(f) && !f.system);
  const emptyCount = allDetails.filter((f) => isEmptyValue(record[f.apiName])).length;
  const details = showEmpty ? allDetails : allDetails.filter((f) => !isEmptyValue(record[f.apiName]));
  const system = SYSTEM_ORDER.map((n) => fields.find((f) => f.apiName === n)).filter((f): f is FieldMeta => !!f);
  const wide = (f: FieldMeta) => ['longText', 'richText', 'address'].includes(f.type);
  const items = (list: FieldMeta[]) => list.map((f) => ({
    key: f.apiName,
    label: localize(f.label, i18n.language, f.apiName),
    children: <FieldValue field={f} record={record} />,
    span: wide(f) && !isMobile ? 2 : 1,
  }));
  const column = isMobile ? 1 : 2;
  // Narrow labels leave the values room: amounts and codes stay on one line in the two-column layout. A label
  // that wraps ("Weighted amount") keeps its colon after the last word instead of stranded at the right edge.
  const styles = { label: { width: isMobile ? 96 : 128, color: '#6b7280', display: 'block' } };

  return (
    <>
      <Card title={t('detail.details')} size="small" styles={{ body: { padding: isMobile ? 12 : 16 } }}
        extra={emptyCount > 0 && (
          <Button type="link" size="small" onClick={() => setShowEmpty((v) => !v)} style={{ paddingInline: 0 }}>
            {showEmpty ? t('detail.hideEmpty') : t('detail.showEmpty', { count: emptyCount })}
          </Button>
        )}>
        <Descriptions column={column} size="small" items={items(details)} styles={styles} />
      </Card>
      <Card title={t('detail.system')} size="small" styles={{ body: { padding: isMobile ? 12 : 16 } }}>
        <Descriptions column={column} size="small" items={items(system)} styles={styles} />
      </Card>
    </>
  );
}
