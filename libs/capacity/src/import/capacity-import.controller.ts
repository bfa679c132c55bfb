import { badInput, CurrentActor, Role, Roles } from '@app/core';
import type { Actor } from '@app/core';
import { Controller, Get, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { CapacityImport } from './capacity-import.entities';
import { CapacityImportService, ImportReport } from './capacity-import.service';
import type { UploadedFile } from './capacity-import.service';
import { ImportUploadInterceptor } from './import-upload.interceptor';

interface UploadRequest {
  file?: UploadedFile;
}
interface StatusResponse {
  status(code: number): unknown;
}

/**
 * `POST /capacity/import?mode=dry-run|commit` (multipart field `file`, CSV or XLSX): the REST interface behind the
 * Kapacitet screen's upload, preview and confirm. Dry run: 200 + report. Commit: 201 + report when written, 422 +
 * report (nothing written) when the file has errors.
 */
@Controller('capacity')
export class CapacityImportController {
  constructor(private readonly imports: CapacityImportService) {}

  @Post('import')
  @Roles(Role.SECRETARIAT, Role.PLANNER)
  @UseInterceptors(ImportUploadInterceptor)
  async import(
    @CurrentActor() actor: Actor,
    @Req() req: UploadRequest,
    @Res({ passthrough: true }) res: StatusResponse,
    @Query('mode') mode?: string,
  ): Promise<ImportReport> {
    if (mode !== undefined && mode !== 'dry-run' && mode !== 'commit')
      throw badInput('mode', 'mode skal være dry-run eller commit');
    if (!req.file) throw badInput('file', 'Vælg en fil: send den som multipart/form-data i feltet «file».');
    if (mode === 'commit') {
      const report = await this.imports.commit(actor, req.file);
      res.status(report.committed ? 201 : 422);
      return report;
    }
    res.status(200);
    return this.imports.dryRun(actor, req.file);
  }

  @Get('imports')
  @Roles(Role.SECRETARIAT, Role.PLANNER)
  list(@CurrentActor() actor: Actor): Promise<CapacityImport[]> {
    return this.imports.imports(actor);
  }
}
