import { Card, Col, Empty, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { usePools } from './sales-api';

export default function PoolsPage() {
  const { t } = useTranslation();
  const pools = usePools();
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('sales.pools.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('sales.pools.subtitle')}</Typography.Text>
      </div>
      {pools.isPending ? <Card><Skeleton active /></Card>
        : pools.error ? <Card><Empty description={errorMessage(pools.error)} /></Card>
        : !pools.data?.length ? <Card><Empty description={pools.data === null ? t('sales.unavailable') : t('sales.pools.none')} /></Card>
        : (
          <Row gutter={[12, 12]}>
            {pools.data.map((p) => (
              <Col key={p.id} xs={24} sm={12} lg={8}>
                <Link to={`/sales/pools/${p.id}`}>
                  <Card hoverable size="small">
                    <Flex vertical gap={6}>
                      <Flex gap={8} align="center"><InboxOutlined style={{ fontSize: 18, color: '#2b5fd9' }} />
                        <Typography.Text strong>{p.name}</Typography.Text>{!p.active && <Tag>{t('sales.pools.inactive')}</Tag>}</Flex>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {p.claimDailyCap == null ? t('sales.pools.noCap') : t('sales.pools.cap', { count: p.claimDailyCap })}
                        {' · '}{t('sales.pools.cooldown', { count: p.cooldownDays })}
                      </Typography.Text>
                    </Flex>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        )}
    </Flex>
  );
}
