/** Small builders shared by the finance objects' metadata declarations. */
export const L = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
export const opt = (value: string, zh: string, en: string) => ({ value, label: L(zh, en) });
export const rel = (target: string) => ({ target });
export const statusOptions = (statuses: Record<string, readonly [string, string]>) =>
  ({ options: Object.entries(statuses).map(([v, [zh, en]]) => opt(v, zh, en)) });

export const currencyField = { apiName: 'currency', column: 'currency', type: 'text', label: L('币种', 'Currency'), options: { maxLength: 3 } } as const;
export const descriptionField = { apiName: 'description', column: 'description', type: 'longText', label: L('备注', 'Description') } as const;
