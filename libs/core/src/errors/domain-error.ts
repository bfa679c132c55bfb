/** Error codes of the API contract (domain.md §11), surfaced as GraphQL `extensions.code`. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'SLOT_NOT_AVAILABLE'
  | 'AGREEMENT_REQUIRED'
  | 'INVALID_STATE'
  | 'PERSONAL_DATA_REJECTED'
  | 'TOO_MANY_REQUESTS'
  | 'PAYLOAD_TOO_LARGE'
  /** A CPU-heavy computation (the allocation solver) did not finish within its configured time budget. */
  | 'TIME_BUDGET_EXCEEDED'
  | 'INTERNAL_SERVER_ERROR';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** The same message in Danish for the web app (extensions.messageDa), e.g. for FORBIDDEN and INVALID_STATE. */
    readonly messageDa?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, message: string) => new DomainError('BAD_USER_INPUT', message, field);
export const notFound = (entity: string, id: string | number) =>
  new DomainError('NOT_FOUND', `${entity} ${id} was not found`);
export const forbidden = (message: string, messageDa?: string) =>
  new DomainError('FORBIDDEN', message, undefined, messageDa);
export const invalidState = (message: string, messageDa?: string) =>
  new DomainError('INVALID_STATE', message, undefined, messageDa);

/** HTTP status for REST endpoints that share the same domain errors. */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'BAD_USER_INPUT':
    case 'PERSONAL_DATA_REJECTED':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'SLOT_NOT_AVAILABLE':
    case 'AGREEMENT_REQUIRED':
    case 'INVALID_STATE':
      return 409;
    case 'TOO_MANY_REQUESTS':
      return 429;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'TIME_BUDGET_EXCEEDED':
      return 503;
    default:
      return 500;
  }
}
