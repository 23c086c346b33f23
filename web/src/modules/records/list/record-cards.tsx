import { useEffect, useRef } from 'react';
import { Card, Skeleton } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../ui/localized-text';
import { FieldValue } from '../fields/field-value';
import { isEmptyValue } from '../fields/format';
import type { FieldMeta, RecordRow } from '../records-api';

// A phone card shows the name and a few details; anything more and the list stops being scannable.
const CARD_FIELDS = 4;

interface RecordCardsProps {
  object: string;
  fields: FieldMeta[];
  rows: RecordRow[];
  loading: boolean;
  onEndReached: () => void;
}

/** The phone list: one tappable card per record, loading more as the end comes into view. */
export function RecordCards({ object, fields, rows, loading, onEndReached }: RecordCardsProps) {
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const sentinel = useRef<HTMLDivElement>(null);
  const [nameField, ...rest] = fields;
  const details = rest.slice(0, CARD_FIELDS);

  useEffect(() => {
    const el = sentinel.current;
    if (!el) return undefined;
    const io = new IntersectionObserver((entries) => entries[0]?.isIntersecting && onEndReached(), { rootMargin: '400px' });
    io.observe(el);
    return () => io.disconnect();
  }, [onEndReached, rows.length]);

  if (loading && rows.length === 0) {
    return (
      <div style={{ display: 'grid', gap: 10 }} aria-busy="true">
        {[0, 1, 2, 3].map((i) => <Card key={i} size="small"><Skeleton active title={false} paragraph={{ rows: 2 }} /></Card>)}
      </div>
    );
  }

  return (
    <div style={{ display: 'grid', gap: 10 }} role="list">
      {rows.map((row) => (
        <Card key={row.id} size="small" role="listitem" hoverable onClick={() => navigate(`/${object}/${row.id}`)}
          styles={{ body: { padding: '12px 14px', display: 'flex', alignItems: 'center', gap: 8 } }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <div style={{ fontSize: 16, fontWeight: 500, marginBottom: details.length ? 6 : 0, overflowWrap: 'anywhere' }}>
              {nameField && <FieldValue field={nameField} record={row} inRow />}
            </div>
            {/* Empty values are left out: a card is for scanning, the record page shows everything. */}
            {details.filter((field) => !isEmptyValue(row[field.apiName])).map((field) => (
              <div key={field.apiName} style={{ display: 'flex', gap: 12, fontSize: 13, lineHeight: '22px' }}>
                <span style={{ color: '#6b7280', flex: '0 0 84px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {localize(field.label, i18n.language, field.apiName)}
                </span>
                <span style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
                  <FieldValue field={field} record={row} inRow />
                </span>
              </div>
            ))}
          </div>
          <RightOutlined style={{ color: '#c0c6d0' }} />
        </Card>
      ))}
      <div ref={sentinel} style={{ height: 1 }} />
    </div>
  );
}
