import { AppConfig, ControlCharacterPipe, HttpErrorFilter, securityHeaders } from '@app/core';
import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { serveWebApp } from './web-app';

/** Builds the configured API application; shared by main.ts and the e2e tests so both run the same app. */
export async function createApi(config?: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // No weak ETag (a SHA-1 of every GraphQL answer): answers are per user and never revalidated. Static files of the
  // web app keep theirs (serve-static sets its own).
  app.set('etag', false);
  app.use(securityHeaders({ demoMode: app.get(AppConfig).demoMode }));
  app.useBodyParser('json', { limit: '1mb' });
  app.useGlobalPipes(
    new ControlCharacterPipe(),
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  app.useGlobalFilters(new HttpErrorFilter());
  serveWebApp(app);
  return app;
}
