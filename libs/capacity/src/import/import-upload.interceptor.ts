import { badInput } from '@app/core';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { MAX_IMPORT_BYTES, tooLarge } from './import-file';

/** The parts of multer this interceptor uses (multer ships no types). */
interface MulterError extends Error {
  code: string;
}
type Middleware = (req: unknown, res: unknown, done: (err?: unknown) => void) => void;
interface Multer {
  (options: object): { single(field: string): Middleware };
  memoryStorage(): unknown;
  MulterError: new (...args: never[]) => MulterError;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const multer = require('multer') as Multer;

/** One file in the multipart field `file`, kept in memory, at most 5 MB: reading stops as soon as it is larger. */
const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 11, fieldSize: 1024 },
  defParamCharset: 'utf8',
}).single('file');

function uploadError(err: unknown): Error {
  if (!(err instanceof multer.MulterError))
    return badInput('file', 'Filen kunne ikke modtages; send den som multipart/form-data i feltet «file».');
  if (err.code === 'LIMIT_FILE_SIZE')
    return tooLarge('Filen fylder mere end 5 MB; højst 5 MB pr. fil. Del den op i flere filer.');
  if (err.code === 'LIMIT_UNEXPECTED_FILE' || err.code === 'LIMIT_FILE_COUNT') {
    return badInput('file', 'Send præcis én fil, i feltet «file».');
  }
  return badInput('file', 'Uploaden har for mange eller for store felter; send kun filen i feltet «file».');
}

/** Runs multer for the import route and maps its errors to typed errors (PAYLOAD_TOO_LARGE, BAD_USER_INPUT). */
@Injectable()
export class ImportUploadInterceptor implements NestInterceptor {
  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = ctx.switchToHttp();
    await new Promise<void>((resolve, reject) =>
      upload(http.getRequest(), http.getResponse(), (err) => (err ? reject(uploadError(err)) : resolve())),
    );
    return next.handle();
  }
}
