import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../../../app/api';

type Segment = string | number;

/** `options.options.2.label.zh-CN` → ['options', 'options', 2, 'label', 'zh-CN'], the form's own name path. */
export function toNamePath(field: string): Segment[] {
  return field.replace(/^\//, '').replace(/^body[./]/, '').split(/[./]/).filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

const same = (a: readonly Segment[], b: readonly Segment[]) => a.length === b.length && a.every((s, i) => String(s) === String(b[i]));

/**
 * Puts each of the server's per-field messages beside the input it names, walking up the path until a
 * registered input matches (`roleIds.2` lands on the roles picker). What matches nothing comes back as the
 * banner text, so no message is silently lost.
 */
export function applyFormErrors(form: FormInstance, err: unknown): string | null {
  if (!(err instanceof ApiError)) return errorMessage(err);
  const issues = err.problem.errors ?? [];
  if (issues.length === 0) return errorMessage(err);
  const registered = form.getFieldsError().map((f) => f.name as Segment[]);
  const byField = new Map<string, { name: Segment[]; errors: string[] }>();
  const unplaced: string[] = [];
  for (const issue of issues) {
    let path = toNamePath(String(issue.field ?? ''));
    let target: Segment[] | undefined;
    while (path.length > 0 && !target) {
      target = registered.find((r) => same(r, path));
      path = path.slice(0, -1);
    }
    if (!target) { unplaced.push(issue.message); continue; }
    const key = JSON.stringify(target);
    const entry = byField.get(key) ?? { name: target, errors: [] };
    if (!entry.errors.includes(issue.message)) entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  if (byField.size > 0) {
    const first = [...byField.values()][0].name;
    form.scrollToField(first, { block: 'center', behavior: 'smooth' });
  }
  return unplaced.length ? unplaced.join(' ') : null;
}
