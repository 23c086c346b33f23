/** A failure the caller can act on; rendered as RFC 9457 problem+json in the caller's language. */
export interface FieldIssue {
  field: string;
  code: string;
  params?: Record<string, unknown>;
  /** Position in a bulk request. */
  index?: number;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly errors: FieldIssue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

export const notFound = (params: Record<string, unknown> = {}) => new AppError(404, 'error.notFound', params);
export const forbidden = (code = 'error.forbidden', params: Record<string, unknown> = {}) => new AppError(403, code, params);
export const badRequest = (code: string, params: Record<string, unknown> = {}) => new AppError(400, code, params);
export const invalid = (errors: FieldIssue[]) => new AppError(422, 'error.validation', {}, errors);
