import { Button, Empty, Flex, Skeleton, Timeline as AntTimeline, Typography } from 'antd';
import {
  CommentOutlined, DeleteOutlined, EditOutlined, LinkOutlined, MailOutlined, MessageOutlined, PaperClipOutlined, PhoneOutlined, PlusCircleOutlined,
  RollbackOutlined, TeamOutlined, WechatOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api';
import { localize } from '../../../ui/localized-text';
import { UserName } from '../fields/field-value';
import { formatDateTime, formatRelative, plainValue } from '../fields/format';
import { useObjectMeta, type ObjectMeta } from '../records-api';
import { knownItems, useTimeline, type ActivityItem, type ChangeItem, type LinkedRecordItem, type TimelineItem } from './timeline-api';

const ACTIVITY_ICONS: Record<string, React.ReactNode> = {
  call: <PhoneOutlined />, visit: <TeamOutlined />, meeting: <TeamOutlined />, email: <MailOutlined />,
  wechat: <WechatOutlined />, note: <MessageOutlined />,
};
const OP_ICONS: Record<string, React.ReactNode> = {
  create: <PlusCircleOutlined />, update: <EditOutlined />, delete: <DeleteOutlined />, restore: <RollbackOutlined />,
  attach: <PaperClipOutlined />, detach: <PaperClipOutlined />,
};

function When({ at }: { at: string }) {
  const { i18n } = useTranslation();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} title={formatDateTime(at, i18n.language)}>
      {formatRelative(at, i18n.language)}
    </Typography.Text>
  );
}

function ChangeText({ item, meta }: { item: ChangeItem; meta: ObjectMeta }) {
  const { t, i18n } = useTranslation();
  const field = meta.fields.find((f) => f.apiName === item.field);
  const actor = <strong><UserName id={item.actorId} /></strong>;
  if (item.op === 'attach' || item.op === 'detach') {
    const file = (item.op === 'attach' ? item.newValue : item.oldValue) as { fileName?: string } | null;
    return <span>{actor} {t(`timeline.op.${item.op}`)} <Typography.Text code>{file?.fileName ?? ''}</Typography.Text></span>;
  }
  if (item.op !== 'update' || !item.field) {
    const key = ['create', 'delete', 'restore', 'purge'].includes(item.op) ? item.op : 'other';
    return <span>{actor} {t(`timeline.op.${key as 'create'}`)}</span>;
  }
  const label = field ? localize(field.label, i18n.language, item.field) : item.field;
  const show = (v: unknown) => {
    if (field?.type === 'boolean') return v ? t('common.yes') : t('common.no');
    if (field && ['user', 'relation', 'department'].includes(field.type)) return v ? t('timeline.someone') : '—';
    return plainValue(field, v, i18n.language);
  };
  return (
    <span>
      {actor} {t('timeline.changed', { field: label })}{' '}
      <Typography.Text delete type="secondary">{show(item.oldValue)}</Typography.Text>{' → '}
      <Typography.Text>{show(item.newValue)}</Typography.Text>
    </span>
  );
}

function LinkedRecordText({ item }: { item: LinkedRecordItem }) {
  const { t, i18n } = useTranslation();
  const meta = useObjectMeta(item.object);
  const label = meta.data ? localize(meta.data.label, i18n.language, item.object) : item.object;
  return (
    <span>
      <strong><UserName id={item.actorId} /></strong> {t('timeline.addedRecord', { object: label })}{' '}
      <Link to={`/${item.object}/${item.id}`}>{item.name || t('detail.untitled')}</Link>
    </span>
  );
}

function ActivityCard({ item, typeLabel }: { item: ActivityItem; typeLabel: string }) {
  return (
    <Flex vertical gap={2} style={{ background: '#f7f9fc', borderRadius: 8, padding: '8px 12px' }}>
      <Flex gap={8} align="baseline" wrap="wrap">
        <Typography.Text strong>{typeLabel}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}><UserName id={item.actorId} /></Typography.Text>
      </Flex>
      <Link to={`/activities/${item.id}`} style={{ color: 'inherit', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {item.content || item.name}
      </Link>
    </Flex>
  );
}

function iconOf(item: TimelineItem): React.ReactNode {
  if (item.kind === 'activity') return ACTIVITY_ICONS[item.type ?? ''] ?? <CommentOutlined />;
  if (item.kind === 'record') return <LinkOutlined />;
  return OP_ICONS[item.op];
}

/** The record's story: follow-ups and field changes, newest first. */
export function RecordTimeline({ object, id, meta }: { object: string; id: string; meta: ObjectMeta }) {
  const { t, i18n } = useTranslation();
  const timeline = useTimeline(object, id);
  const activities = useObjectMeta('activities');
  const typeField = activities.data?.fields.find((f) => f.apiName === 'type');
  const items = knownItems(timeline.data?.pages.flatMap((p) => p.data) ?? []);

  if (timeline.isPending) return <Skeleton active avatar paragraph={{ rows: 4 }} />;
  if (timeline.error) return <Typography.Text type="danger">{errorMessage(timeline.error)}</Typography.Text>;
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />;

  return (
    <>
      <AntTimeline items={items.map((item) => ({
        key: `${item.kind}:${item.id}`,
        color: item.kind === 'change' ? 'gray' : 'blue',
        icon: iconOf(item),
        content: (
          <Flex vertical gap={4}>
            {item.kind === 'activity' && (
              <ActivityCard item={item} typeLabel={typeField
                ? plainValue(typeField, item.type, i18n.language) : item.type ?? t('timeline.followUp')} />
            )}
            {item.kind === 'change' && <ChangeText item={item} meta={meta} />}
            {item.kind === 'record' && <LinkedRecordText item={item} />}
            <When at={item.at} />
          </Flex>
        ),
      }))} />
      {timeline.hasNextPage && (
        <Button block onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
          {t('timeline.older')}
        </Button>
      )}
    </>
  );
}
