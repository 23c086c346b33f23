import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../../app/api';

/**
 * Puts a failed request's per-field messages beside the matching inputs and returns the banner text.
 * Messages for fields the form does not show are folded into the banner so nothing is silently lost.
 */
export function applyProblem(form: FormInstance, err: unknown, fields: readonly string[]): string {
  const banner = errorMessage(err);
  if (!(err instanceof ApiError)) return banner;
  const byField = err.fieldErrors;
  const shown = Object.entries(byField).filter(([name]) => fields.includes(name));
  form.setFields(shown.map(([name, errors]) => ({ name, errors })));
  const hidden = Object.entries(byField)
    .filter(([name]) => !fields.includes(name))
    .flatMap(([, messages]) => messages);
  return [banner, ...hidden].join(' ');
}
