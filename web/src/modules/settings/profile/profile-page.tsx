import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Segmented, Select, Skeleton } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth-context';
import { currentLocale, setLocale, type Locale } from '../../../app/i18n';
import { applyFormErrors } from '../shared/form-errors';
import { SettingsHeader } from '../shared/settings-header';
import { timeZoneOptions } from '../shared/time-zones';
import { MfaCard } from './mfa-card';
import { PasswordCard } from './password-card';
import { profileKey, saveProfile, useProfile, type Profile } from './profile-api';

type ProfileForm = Pick<Profile, 'name' | 'locale' | 'timeZone'>;

function ProfileCard({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { refreshUser } = useAuth();
  const qc = useQueryClient();
  const [form] = Form.useForm<ProfileForm>();
  const [saving, setSaving] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const zones = useMemo(timeZoneOptions, []);

  useEffect(() => {
    // The language shown is the one on screen: picked on the sign-in page or in the menu, it is the person's choice.
    form.setFieldsValue({ name: profile.name, locale: currentLocale(), timeZone: profile.timeZone });
  }, [form, profile]);

  async function submit(values: ProfileForm) {
    setSaving(true);
    setBanner(null);
    try {
      const saved = await saveProfile(values);
      qc.setQueryData(profileKey, saved);
      // The chosen language applies at once; the server also writes reminders and e-mails in it.
      await setLocale(saved.locale as Locale);
      await refreshUser();
      message.success(t('settings.profile.saved'));
    } catch (err) {
      setBanner(applyFormErrors(form, err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title={t('settings.profile.cardTitle')}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} style={{ maxWidth: 520 }}>
        {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 16 }} />}
        <Form.Item label={t('settings.profile.email')}>
          <Input value={profile.email} disabled />
        </Form.Item>
        <Form.Item name="name" label={t('settings.profile.name')}
          rules={[{ required: true, whitespace: true, message: t('settings.common.required') }, { max: 100 }]}>
          <Input autoComplete="name" maxLength={100} />
        </Form.Item>
        <Form.Item name="locale" label={t('settings.profile.language')}>
          <Segmented options={[
            { value: 'zh-CN', label: t('language.zh-CN') },
            { value: 'en-US', label: t('language.en-US') },
          ]} />
        </Form.Item>
        <Form.Item name="timeZone" label={t('settings.profile.timeZone')} extra={t('settings.profile.timeZoneHint')}>
          <Select showSearch options={zones} optionFilterProp="label" aria-label={t('settings.profile.timeZone')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>{t('common.save')}</Button>
      </Form>
    </Card>
  );
}

export default function ProfilePage() {
  const { t } = useTranslation();
  const profile = useProfile();
  return (
    <>
      <SettingsHeader title={t('settings.nav.profile')} subtitle={t('settings.profile.subtitle')} />
      {profile.isPending ? (
        <Card><Skeleton active paragraph={{ rows: 6 }} /></Card>
      ) : profile.isError ? (
        <Alert type="error" showIcon title={t('settings.common.loadFailed')}
          action={<Button size="small" onClick={() => void profile.refetch()}>{t('common.retry')}</Button>} />
      ) : (
        <Flex vertical gap={16}>
          <ProfileCard profile={profile.data} />
          <PasswordCard />
          <MfaCard enabled={profile.data.mfaEnabled} />
        </Flex>
      )}
    </>
  );
}
