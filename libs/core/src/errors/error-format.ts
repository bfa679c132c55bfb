import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { GqlContextType } from '@nestjs/graphql';
import { DeadlineInputError } from '@app/deadline';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { DomainError, ErrorCode, httpStatusOf } from './domain-error';

const logger = new Logger('Errors');

interface Normalised {
  code: ErrorCode;
  message: string;
  field?: string;
  messageDa?: string;
}

/**
 * PostgreSQL rejecting a value the client sent (not a valid uuid/date/number, or a unique key already taken) is the
 * client's mistake, not an internal error: a backstop behind the DTO validation.
 */
function databaseInputError(err: unknown): Normalised | undefined {
  const e = err as { name?: string; code?: string; driverError?: { code?: string }; constraint?: string };
  if (e?.name !== 'QueryFailedError') return undefined;
  const code = e.driverError?.code ?? e.code;
  if (code === '22P02' || code === '22007' || code === '22008' || code === '22003') {
    return {
      code: 'BAD_USER_INPUT',
      message: 'A value has the wrong format or is out of range (e.g. an id that is not a UUID)',
    };
  }
  // 22021: a NUL byte or invalid UTF-8 in text; 22P05: a character PostgreSQL cannot store.
  if (code === '22021' || code === '22P05')
    return { code: 'BAD_USER_INPUT', message: 'A text value contains a character that cannot be stored (e.g. NUL)' };
  if (code === '23505') return { code: 'BAD_USER_INPUT', message: 'This already exists' };
  return undefined;
}

/**
 * What the error log may keep of a failure: a database error's `parameters` (and its `detail`, which quotes the
 * offending values) can hold whatever a client sent, so only name, message, SQL state, SQL text and stack are logged.
 */
export function loggableError(err: unknown): unknown {
  const e = err as {
    name?: string;
    message?: string;
    stack?: string;
    query?: string;
    code?: string;
    driverError?: { code?: string };
  };
  if (e?.name !== 'QueryFailedError') return err;
  return { type: e.name, message: e.message, code: e.driverError?.code ?? e.code, query: e.query, stack: e.stack };
}

/** Class-validator messages start with the property path; name it so clients can point at the field. */
function fieldOfValidationMessage(message: string): string | undefined {
  const unknown = /^property (\S+) should not exist/.exec(message);
  if (unknown) return unknown[1];
  const m = /^([A-Za-z0-9_.[\]]+) (must|should|is|has|may) /.exec(message);
  return m?.[1];
}

/** The one place that maps any thrown error to a public, typed error without internals. */
export function normaliseError(err: unknown): Normalised | undefined {
  const db = databaseInputError(err);
  if (db) return db;
  if (err instanceof DomainError)
    return {
      code: err.code,
      message: err.message,
      field: err.field,
      ...(err.messageDa ? { messageDa: err.messageDa } : {}),
    };
  if (err instanceof DeadlineInputError) return { code: 'BAD_USER_INPUT', message: err.message, field: err.field };
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const body = err.getResponse() as { message?: string | string[] } | string;
    const messages =
      typeof body === 'string' ? [body] : Array.isArray(body.message) ? body.message : [body.message ?? err.message];
    if (status === 400) {
      return {
        code: 'BAD_USER_INPUT',
        message: messages.join('; '),
        field: fieldOfValidationMessage(messages[0] ?? ''),
      };
    }
    if (status === 401) return { code: 'UNAUTHENTICATED', message: messages.join('; ') };
    if (status === 403) return { code: 'FORBIDDEN', message: messages.join('; ') };
    if (status === 404) return { code: 'NOT_FOUND', message: messages.join('; ') };
    if (status === 429) return { code: 'TOO_MANY_REQUESTS', message: 'Too many requests; try again later' };
    if (status === 413) return { code: 'BAD_USER_INPUT', message: 'Request body too large' };
  }
  return undefined;
}

/** graphql-js names the offending input of a variable as `at "i.starts[0]"`: report its last property. */
function fieldOfVariableMessage(message: string): string | undefined {
  const at = /got invalid value .*? at "([^"]+)"/.exec(message);
  return at
    ? at[1]
        .replace(/\[\d+\]/g, '')
        .split('.')
        .pop()
    : undefined;
}

const GRAPHQL_INPUT_CODES = new Set([
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
]);

/** Apollo `formatError`: typed codes, field names, never a stack trace. */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const n = normaliseError(original);
  if (n) {
    return {
      message: n.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: {
        code: n.code,
        ...(n.field ? { field: n.field } : {}),
        ...(n.messageDa ? { messageDa: n.messageDa } : {}),
      },
    };
  }
  const code = String(formatted.extensions?.code ?? '');
  if (GRAPHQL_INPUT_CODES.has(code)) {
    const field = fieldOfVariableMessage(formatted.message);
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) },
    };
  }
  if (['UNAUTHENTICATED', 'FORBIDDEN', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE'].includes(code)) {
    return { message: formatted.message, path: formatted.path, extensions: { code } };
  }
  logger.error({ err: loggableError(original) }, 'Unexpected error in GraphQL request');
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Errors of the JSON body parser (too large, malformed) are the client's fault: keep their 4xx status. */
function bodyParserError(err: unknown): { status: number; message: string } | undefined {
  const e = err as { type?: unknown; status?: unknown };
  if (typeof e?.type !== 'string' || typeof e.status !== 'number' || e.status < 400 || e.status >= 500)
    return undefined;
  if (e.type === 'entity.too.large') return { status: 413, message: 'Request body too large (limit 1 MB)' };
  if (e.type === 'entity.parse.failed') return { status: 400, message: 'Request body is not valid JSON' };
  return { status: e.status, message: 'Malformed request body' };
}

interface JsonResponse {
  status(code: number): { json(body: unknown): unknown };
  setHeader(name: string, value: string): unknown;
  removeHeader(name: string): unknown;
}

/**
 * Express' res.json keeps a Content-Type set earlier by the route (e.g. text/csv on evidence.csv), which would
 * label the JSON error as CSV for download: errors always go out as application/json, never as an attachment.
 */
function sendJson(res: JsonResponse, status: number, body: unknown): void {
  res.removeHeader('Content-Disposition');
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.status(status).json(body);
}

/** REST counterpart: the same codes as JSON `{ code, message, field }` with a fitting HTTP status. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): unknown {
    // GraphQL errors are shaped by formatGraphQLError; hand them back to Apollo untouched.
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    const res = host.switchToHttp().getResponse();
    const body = bodyParserError(exception);
    if (body) {
      sendJson(res, body.status, { code: 'BAD_USER_INPUT', message: body.message });
      return undefined;
    }
    const n = normaliseError(exception);
    if (!n && exception instanceof HttpException) {
      // e.g. terminus' 503 with the per-dependency health details: pass the body through.
      const payload = exception.getResponse();
      sendJson(
        res,
        exception.getStatus(),
        typeof payload === 'object' ? payload : { code: 'HTTP_' + exception.getStatus(), message: payload },
      );
      return undefined;
    }
    if (!n) logger.error({ err: loggableError(exception) }, 'Unexpected error in HTTP request');
    const out = n ?? { code: 'INTERNAL_SERVER_ERROR' as const, message: 'Internal server error' };
    sendJson(res, httpStatusOf(out.code), out);
    return undefined;
  }
}
