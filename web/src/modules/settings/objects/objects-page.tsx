import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { localize } from '../../../ui/localized-text';
import { SettingsHeader } from '../shared/settings-header';
import { useObjects, type ObjectSummary } from '../shared/settings-api';
import { ObjectModal } from './object-modal';

function ObjectCard({ o }: { o: ObjectSummary }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card size="small" hoverable onClick={() => navigate(`/settings/objects/${o.apiName}`)} role="link"
      aria-label={localize(o.pluralLabel, i18n.language, o.apiName)} styles={{ body: { padding: '12px 14px' } }}>
      <Flex justify="space-between" align="center" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{localize(o.pluralLabel, i18n.language, o.apiName)}</Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>/api/v1/{o.apiName}</Typography.Text>
        </div>
        <Flex gap={4} align="center">
          {o.isCustom && <Tag color="blue">{t('settings.objects.custom')}</Tag>}
          <RightOutlined style={{ color: '#9ca3af', fontSize: 12 }} />
        </Flex>
      </Flex>
    </Card>
  );
}

export default function ObjectsPage() {
  const { t } = useTranslation();
  const objects = useObjects();
  const [creating, setCreating] = useState(false);
  const list = (objects.data ?? []).filter((o) => o.status === 'active');
  const custom = list.filter((o) => o.isCustom);
  const standard = list.filter((o) => !o.isCustom);
  const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: 10 } as const;

  return (
    <>
      <SettingsHeader title={t('settings.nav.objects')} subtitle={t('settings.objects.subtitle')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('settings.objects.new')}</Button>} />
      {objects.isError && <Alert type="error" showIcon title={t('settings.common.loadFailed')} />}
      {objects.isPending ? <Card><Skeleton active /></Card> : (
        <Flex vertical gap={20}>
          <section>
            <Typography.Title level={5}>{t('settings.objects.customTitle')}</Typography.Title>
            {custom.length === 0 ? (
              <Card>
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('settings.objects.noCustom')}>
                  <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('settings.objects.new')}</Button>
                </Empty>
              </Card>
            ) : <div style={grid}>{custom.map((o) => <ObjectCard key={o.apiName} o={o} />)}</div>}
          </section>
          <section>
            <Typography.Title level={5}>{t('settings.objects.standardTitle')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('settings.objects.standardHint')}</Typography.Paragraph>
            <div style={grid}>{standard.map((o) => <ObjectCard key={o.apiName} o={o} />)}</div>
          </section>
        </Flex>
      )}
      {creating && <ObjectModal object={null} onClose={() => setCreating(false)} />}
    </>
  );
}
