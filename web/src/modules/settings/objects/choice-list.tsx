import { Button, Checkbox, Flex, Form, Input, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../../ui/use-is-mobile';

/**
 * The choices of a select field, each with a Chinese and an English label. Choices that already exist may
 * be renamed or disabled but not removed: records hold their values.
 */
export function ChoiceList({ existing }: { existing: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const form = Form.useFormInstance();
  return (
    <Form.List name={['options', 'options']}>
      {(rows, { add, remove, move }, { errors }) => (
        <Flex vertical gap={8}>
          {!isMobile && rows.length > 0 && (
            <Flex gap={8} style={{ paddingInlineEnd: 112 }}>
              <Typography.Text type="secondary" style={{ flex: 1, fontSize: 12 }}>{t('settings.common.labelZh')}</Typography.Text>
              <Typography.Text type="secondary" style={{ flex: 1, fontSize: 12 }}>{t('settings.common.labelEn')}</Typography.Text>
              <Typography.Text type="secondary" style={{ width: 120, fontSize: 12 }}>{t('settings.fields.choiceValue')}</Typography.Text>
            </Flex>
          )}
          {rows.map((row, i) => {
            const value = form.getFieldValue(['options', 'options', row.name, 'value']) as string | undefined;
            const locked = !!value && existing.has(value);
            return (
              <Flex key={row.key} gap={8} align="flex-start" wrap={isMobile}
                style={isMobile ? { padding: 8, background: '#f7f9fc', borderRadius: 8 } : undefined}>
                <Form.Item name={[row.name, 'label', 'zh-CN']} style={{ flex: isMobile ? '1 1 100%' : 1, margin: 0 }}>
                  <Input placeholder={t('settings.common.labelZh')} maxLength={100} aria-label={`${t('settings.common.labelZh')} ${i + 1}`} />
                </Form.Item>
                <Form.Item name={[row.name, 'label', 'en-US']} style={{ flex: isMobile ? '1 1 100%' : 1, margin: 0 }}>
                  <Input placeholder={t('settings.common.labelEn')} maxLength={100} aria-label={`${t('settings.common.labelEn')} ${i + 1}`} />
                </Form.Item>
                <Form.Item name={[row.name, 'value']} style={{ width: isMobile ? 'calc(100% - 152px)' : 120, margin: 0 }}>
                  <Input placeholder={t('settings.fields.choiceValueAuto')} disabled={locked} maxLength={100}
                    aria-label={`${t('settings.fields.choiceValue')} ${i + 1}`} />
                </Form.Item>
                <Flex gap={2} align="center" style={{ height: 34, flex: 'none' }}>
                  <Tooltip title={t('settings.fields.choiceDisabled')}>
                    <Form.Item name={[row.name, 'disabled']} valuePropName="checked" style={{ margin: '0 4px 0 0' }}>
                      <Checkbox aria-label={t('settings.fields.choiceDisabled')} />
                    </Form.Item>
                  </Tooltip>
                  <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('settings.fields.moveUp')} />
                  <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === rows.length - 1} onClick={() => move(i, i + 1)} aria-label={t('settings.fields.moveDown')} />
                  <Tooltip title={locked ? t('settings.fields.choiceLocked') : undefined}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} disabled={locked} onClick={() => remove(row.name)} aria-label={t('common.delete')} />
                  </Tooltip>
                </Flex>
              </Flex>
            );
          })}
          <Form.ErrorList errors={errors} />
          <div>
            <Button icon={<PlusOutlined />} onClick={() => add({ label: {}, value: '' })}>{t('settings.fields.addChoice')}</Button>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('settings.fields.choiceHint')}</Typography.Text>
        </Flex>
      )}
    </Form.List>
  );
}
