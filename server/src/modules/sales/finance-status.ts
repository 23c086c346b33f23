/** Status labels and the transitions a plain update may make; anything else is refused with a localised error. */
export const QUOTE_STATUSES = {
  draft: ['草稿', 'Draft'], sent: ['已发送', 'Sent'], accepted: ['已接受', 'Accepted'], rejected: ['已拒绝', 'Rejected'],
  expired: ['已过期', 'Expired'], superseded: ['已被新版本替代', 'Superseded'],
} as const;

export const CONTRACT_STATUSES = {
  draft: ['草稿', 'Draft'], pendingApproval: ['待审批', 'Pending approval'], signed: ['已签订', 'Signed'],
  active: ['执行中', 'Active'], expired: ['已到期', 'Expired'], terminated: ['已终止', 'Terminated'], void: ['已作废', 'Void'],
} as const;

export const INVOICE_STATUSES = {
  draft: ['草稿', 'Draft'], pending: ['待开票', 'Pending'], issued: ['已开票', 'Issued'], void: ['已作废', 'Void'],
} as const;

export const PLAN_STATUSES = {
  pending: ['待回款', 'Pending'], partial: ['部分回款', 'Partly paid'], paid: ['已回款', 'Paid'], overdue: ['已逾期', 'Overdue'],
} as const;

type Graph = Record<string, readonly string[]>;

/** `superseded` is reached only through the revise action, never by a plain update. */
export const QUOTE_TRANSITIONS: Graph = {
  draft: ['sent', 'accepted', 'rejected'],
  sent: ['accepted', 'rejected', 'expired', 'draft'],
  accepted: [],
  rejected: [],
  expired: [],
  superseded: [],
};

/** draft → pending approval → signed → active → expired / terminated; void from anything not yet running. */
export const CONTRACT_TRANSITIONS: Graph = {
  draft: ['pendingApproval', 'void'],
  pendingApproval: ['signed', 'draft', 'void'],
  signed: ['active', 'terminated', 'void'],
  active: ['expired', 'terminated'],
  expired: [],
  terminated: [],
  void: [],
};

export const INVOICE_TRANSITIONS: Graph = {
  draft: ['pending', 'issued', 'void'],
  pending: ['issued', 'draft', 'void'],
  issued: ['void'],
  void: [],
};

/** Statuses a new record may start in: contracts and invoices signed or issued on paper may be entered as such. */
export const INITIAL: Record<string, readonly string[]> = {
  quotes: ['draft', 'sent'],
  contracts: ['draft', 'pendingApproval', 'signed', 'active'],
  invoices: ['draft', 'pending', 'issued'],
};

export function canMove(graph: Graph, from: string, to: string): boolean {
  return from === to || (graph[from] ?? []).includes(to);
}

/** Contracts in these statuses count as signed business (targets, reminders). */
export const SIGNED_CONTRACT_STATUSES = ['signed', 'active', 'expired'] as const;
