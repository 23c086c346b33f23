import { Button, Flex, Space, Typography } from 'antd';
import { FundProjectionScreenOutlined, InboxOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/auth-context';
import { KeyFigures } from './key-figures';
import { TodayList } from './today-list';

function greetingKey(hour: number) {
  if (hour < 12) return 'home.morning' as const;
  if (hour < 18) return 'home.afternoon' as const;
  return 'home.evening' as const;
}

export default function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-end" wrap="wrap" gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t(greetingKey(new Date().getHours()), { name: user.name || user.email })}
          </Typography.Title>
          <Typography.Text type="secondary">{t('home.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <Button icon={<FundProjectionScreenOutlined />} onClick={() => navigate('/sales/board')}>{t('sales.board.title')}</Button>
          <Button icon={<InboxOutlined />} onClick={() => navigate('/sales/pools')}>{t('sales.pools.title')}</Button>
        </Space>
      </Flex>
      <KeyFigures />
      <TodayList />
    </Flex>
  );
}
