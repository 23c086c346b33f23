import { Alert, Flex, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../../app/api';
import { useDebounced } from '../../../ui/use-debounced';

interface Candidate { id: string; name: string; score: number; reasons: string[] }

/** Objects whose duplicates the server can spot while a person types. */
export const DEDUPE_OBJECTS = new Set(['accounts', 'contacts', 'leads']);
const KEYS = ['name', 'phone', 'mobile', 'email', 'creditCode', 'accountId'];
const REASONS = ['creditCode', 'email', 'phone', 'name', 'nameInAccount', 'similarName'] as const;

/**
 * "This may already exist": records that share a credit code, e-mail, phone or name with what is being typed,
 * best first, each a link to open instead of creating a copy. Saving anyway stays possible.
 */
export function DuplicateHint({ object, values, excludeId }: { object: string; values: Record<string, unknown>; excludeId?: string }) {
  const { t, i18n } = useTranslation();
  const relevant = Object.fromEntries(KEYS.map((k) => [k, values[k]]).filter(([, v]) => typeof v === 'string' && v.trim().length >= 2));
  const settled = useDebounced(JSON.stringify(relevant), 500);
  const check = useQuery({
    queryKey: ['duplicates', object, settled, excludeId],
    queryFn: ({ signal }) => apiFetch<{ data: Candidate[] }>('/duplicates/check', {
      method: 'POST', body: { object, record: JSON.parse(settled) as Record<string, unknown>, ...(excludeId ? { excludeId } : {}) }, signal,
    }).then((r) => r.data),
    enabled: settled !== '{}',
    staleTime: 30_000,
    retry: false,
  });
  const found = (check.data ?? []).slice(0, 3);
  if (found.length === 0) return null;
  const reason = (r: string) => ((REASONS as readonly string[]).includes(r) ? t(`form.duplicateReason.${r as 'email'}`) : r);
  return (
    <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('form.duplicateTitle')} description={(
      <Flex vertical gap={2}>
        {found.map((c) => (
          <span key={c.id}>
            <Link to={`/${object}/${c.id}`} target="_blank">{c.name}</Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' · '}{Math.round(c.score * 100)}% · {c.reasons.map(reason).join(i18n.language === 'zh-CN' ? '、' : ', ')}
            </Typography.Text>
          </span>
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('form.duplicateHint')}</Typography.Text>
      </Flex>
    )} />
  );
}
