import { notFound, REPORT_HTML_CSP, Role, Roles } from '@app/core';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { CONTENT_TYPES } from './render';
import { Report, ReportFormat } from './report.entities';
import { ReportingService } from './reporting.service';

/** The parts of the Express response the download uses. */
interface HttpResponse {
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): unknown;
  send(body: string | Buffer): unknown;
}

const FILE = /^([0-9a-fA-F-]{36})\.(html|csv|json|pdf)$/;

const fileName = (r: Report, format: ReportFormat) =>
  `kapacitetsrapport-${r.year}${r.quarter ? `-k${r.quarter}` : ''}.${format}`;

/** GET /reports/:id.html|.csv|.json|.pdf — the stored bytes of a finished report (secretariat and observers). */
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportingService) {}

  @Roles(Role.SECRETARIAT, Role.OBSERVER)
  @Get(':file')
  async download(@Param('file') file: string, @Res() res: HttpResponse): Promise<void> {
    const m = FILE.exec(file);
    if (!m) throw notFound('Report file', file);
    const format = m[2] as ReportFormat;
    const { report, output: out } = await this.reports.output(m[1], format);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('ETag', `"${out.sha256}"`);
    res.setHeader(
      'Content-Disposition',
      `${format === 'html' || format === 'pdf' ? 'inline' : 'attachment'}; filename="${fileName(report, format)}"`,
    );
    // Shown inline from the api origin: the report may style itself and nothing else (no script, no requests).
    if (format === 'html') res.setHeader('Content-Security-Policy', REPORT_HTML_CSP);
    res.status(200).send(format === 'pdf' ? out.data! : out.content!);
  }
}
