import { useRef, useState } from 'react';
import { App, Button, DatePicker, Flex, Input, type InputRef } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../../app/api';
import { localize } from '../../../ui/localized-text';
import { useIsMobile } from '../../../ui/use-is-mobile';
import { createRecord, invalidateObject } from '../record-mutations';
import { recordKeys, useObjectMeta, type FieldMeta } from '../records-api';

const QUICK_TYPES = ['call', 'visit', 'wechat', 'meeting', 'email', 'note'];
const NAME_MAX = 60;

/** The follow-up's relation field that points at this object (accountId for accounts…), if any. */
export function useFollowUpLink(object: string): { link: FieldMeta | undefined; typeField: FieldMeta | undefined; ready: boolean } {
  const meta = useObjectMeta('activities');
  const link = meta.data?.fields.find((f) => f.type === 'relation' && f.options?.target === object && !f.readonly);
  const typeField = meta.data?.fields.find((f) => f.apiName === 'type');
  return { link, typeField, ready: !!meta.data };
}

function summary(content: string, typeLabel: string): string {
  const first = content.trim().split('\n')[0] ?? '';
  const chars = [...first];
  const short = chars.length > NAME_MAX ? `${chars.slice(0, NAME_MAX - 1).join('')}…` : first;
  return short || typeLabel;
}

interface ComposerProps {
  object: string;
  id: string;
  autoFocus?: boolean;
  onSaved?: () => void;
}

/** Logging a follow-up is type what happened, press save: the record link and time are filled in. */
export function FollowUpComposer({ object, id, autoFocus, onSaved }: ComposerProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const { link, typeField } = useFollowUpLink(object);
  const [type, setType] = useState('call');
  const [content, setContent] = useState('');
  const [next, setNext] = useState<Dayjs | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const box = useRef<InputRef>(null);
  const options = (typeField?.options?.options ?? []).filter((o) => QUICK_TYPES.includes(o.value) && !o.disabled);
  const typeLabel = localize(options.find((o) => o.value === type)?.label, i18n.language, type);

  if (!link) return null;

  async function save() {
    if (!content.trim()) {
      setError(t('followUp.contentRequired'));
      box.current?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await createRecord('activities', {
        name: summary(content, typeLabel), type: typeField ? type : undefined, content: content.trim(),
        occurredAt: new Date().toISOString(), [link!.apiName]: id,
        ...(next ? { nextContactAt: next.toISOString() } : {}),
      });
      setContent('');
      setNext(null);
      message.success(t('followUp.saved'));
      void qc.invalidateQueries({ queryKey: recordKeys.timeline(object, id) });
      void qc.invalidateQueries({ queryKey: recordKeys.one(object, id) });
      void invalidateObject(qc, 'activities');
      onSaved?.();
    } catch (err) {
      const fields = err instanceof ApiError ? Object.values(err.fieldErrors).flat() : [];
      setError([errorMessage(err), ...fields].join(' '));
    } finally {
      setSaving(false);
    }
  }

  const size = isMobile ? 'large' : 'middle';
  return (
    <Flex vertical gap={10}>
      {options.length > 0 && (
        <Flex gap={8} wrap="wrap" role="group" aria-label={typeField ? localize(typeField.label, i18n.language, 'type') : undefined}>
          {options.map((o) => (
            <Button key={o.value} size={isMobile ? 'middle' : 'small'} shape="round" autoInsertSpace={false}
              aria-pressed={type === o.value}
              type={type === o.value ? 'primary' : 'default'} ghost={type === o.value} onClick={() => setType(o.value)}>
              {localize(o.label, i18n.language, o.value)}
            </Button>
          ))}
        </Flex>
      )}
      <Input.TextArea ref={box} value={content} autoFocus={autoFocus} size={size} maxLength={32_000}
        onChange={(e) => { setContent(e.target.value); if (error) setError(null); }}
        status={error ? 'error' : undefined} aria-label={t('followUp.content')}
        placeholder={t('followUp.placeholder')} autoSize={{ minRows: isMobile ? 4 : 3, maxRows: 10 }}
        onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save(); }} />
      {error && <div role="alert" style={{ color: '#d64545', fontSize: 13 }}>{error}</div>}
      <Flex justify="space-between" gap={8} wrap="wrap" align="center">
        {/* Optional: when to be reminded to get back in touch (shown on Home and as a notification). */}
        <DatePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" value={next} onChange={(d) => setNext(d)}
          placeholder={t('followUp.next')} aria-label={t('followUp.next')} size={size} style={{ flex: isMobile ? '1 1 100%' : '0 1 220px' }}
          disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
          presets={[
            { label: t('followUp.presets.tomorrow'), value: dayjs().add(1, 'day').hour(10).minute(0).second(0) },
            { label: t('followUp.presets.threeDays'), value: dayjs().add(3, 'day').hour(10).minute(0).second(0) },
            { label: t('followUp.presets.nextWeek'), value: dayjs().add(7, 'day').hour(10).minute(0).second(0) },
          ]} />
        <Button type="primary" onClick={() => void save()} loading={saving} size={size} block={isMobile}>
          {t('followUp.save')}
        </Button>
      </Flex>
    </Flex>
  );
}
