import { httpStatusOf, normaliseError } from '@app/core';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FHIR_JSON } from './fhir';
import { operationOutcome } from './fhir-resources';

const logger = new Logger('Fhir');

/** The Express response calls this filter needs. */
interface HttpResponse {
  headersSent: boolean;
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): void;
  end(body?: string): void;
}

/**
 * Every error under /fhir (guards included: this filter is bound to the FHIR controllers) as an OperationOutcome with
 * the HTTP status of its code, instead of the api's `{ code, message }` JSON.
 */
@Catch()
export class FhirExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<HttpResponse>();
    const n = normaliseError(exception);
    let status: number;
    let body;
    if (n) {
      status = httpStatusOf(n.code);
      body = operationOutcome(n.code, n.message, n.field);
    } else if (exception instanceof HttpException && exception.getStatus() < 500) {
      status = exception.getStatus();
      body = operationOutcome('BAD_USER_INPUT', exception.message);
    } else {
      logger.error({ err: exception }, 'Unexpected error in FHIR request');
      status = 500;
      body = operationOutcome('INTERNAL_SERVER_ERROR', 'Internal server error');
    }
    // A stream (bulk NDJSON) that fails half-way can only be cut off; the client sees a truncated file.
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status);
    res.setHeader('Content-Type', FHIR_JSON);
    if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    res.end(JSON.stringify(body));
  }
}
