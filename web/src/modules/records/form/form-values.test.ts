import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { FieldMeta, ObjectMeta } from '../records-api';
import { formFields, formToApi, recordToForm } from './form-values';

const f = (apiName: string, type: string, extra: Partial<FieldMeta> = {}): FieldMeta => ({ apiName, type, label: apiName, ...extra });
const meta: ObjectMeta = {
  apiName: 'accounts', label: 'Account',
  fields: [
    f('id', 'text', { readonly: true, system: true }), f('name', 'text', { required: true }), f('ownerId', 'user'),
    f('createdAt', 'datetime', { readonly: true, system: true }), f('level', 'select'), f('tags', 'multiSelect'),
    f('birthday', 'date'), f('nextAt', 'datetime'), f('amount', 'currency'), f('vip', 'boolean'),
    f('number', 'autoNumber', { readonly: true }), f('lastContactAt', 'datetime', { readonly: true }), f('address', 'address'),
  ],
};

describe('record form values', () => {
  it('shows fillable fields; computed ones only when editing', () => {
    expect(formFields(meta, 'create').map((x) => x.apiName)).toEqual(['name', 'ownerId', 'level', 'tags', 'birthday', 'nextAt', 'amount', 'vip', 'address']);
    expect(formFields(meta, 'edit').map((x) => x.apiName)).toContain('number');
  });

  it('sends only filled fields on create, in API shapes', () => {
    const fields = formFields(meta, 'create');
    const body = formToApi(fields, {
      name: 'ACME', level: undefined, tags: [], birthday: dayjs('2024-02-29'), nextAt: dayjs('2025-01-02T03:04:05Z'),
      amount: '12.50', vip: false, address: { province: '上海市', city: '上海市', district: '浦东新区' },
    });
    expect(body).toEqual({
      name: 'ACME', birthday: '2024-02-29', nextAt: '2025-01-02T03:04:05.000Z', amount: '12.50',
      address: { province: '上海市', city: '上海市', district: '浦东新区' },
    });
  });

  it('sends only what changed on edit, clearing emptied fields with null', () => {
    const before = { id: '1', name: 'ACME', level: 'A', tags: ['x'], birthday: '2024-02-29', amount: '12.50', vip: null, number: 'Q-1' };
    const fields = formFields(meta, 'edit');
    const values = recordToForm(fields, before);
    expect(formToApi(fields, values, before)).toEqual({});
    expect(formToApi(fields, { ...values, level: undefined, amount: '13', vip: true, number: 'Q-2' }, before))
      .toEqual({ level: null, amount: '13', vip: true });
  });
});
