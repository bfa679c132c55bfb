import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { UserEntity } from './user.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity]),
    // Login attempts per client IP: 10 a minute (brute-force protection; tune with LOGIN_RATE_LIMIT).
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (c: AppConfig) => [{ name: 'login', ttl: 60_000, limit: c.loginRateLimit }],
    }),
    JwtModule.registerAsync({
      inject: [AppConfig],
      // A KeyObject: given a plain string, jsonwebtoken first tries (and fails) to parse it as a public key on every verify.
      useFactory: (c: AppConfig) => ({
        secret: createSecretKey(Buffer.from(c.jwtSecret, 'utf8')) as unknown as string,
        signOptions: { expiresIn: c.jwtExpiresIn as `${number}h` },
      }),
    }),
  ],
  providers: [AuthService, AuthResolver, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
