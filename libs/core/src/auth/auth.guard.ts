import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '../domain/enums';
import { DomainError } from '../errors/domain-error';
import { ROLE_DA } from './actor';
import { AuthService } from './auth.service';
import { IS_PUBLIC, requestOf, ROLES } from './decorators';

/** Global guard for GraphQL and REST alike: bearer token required unless @Public, role checked when @Roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = requestOf(ctx);
    const header = req.headers?.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new DomainError('UNAUTHENTICATED', 'Missing bearer token; call login first');
    const actor = req.actor ?? (await this.auth.verify(m[1]));
    req.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(actor.role)) {
      throw new DomainError(
        'FORBIDDEN',
        `Your role (${actor.role}) may not do this; it is for: ${roles.join(', ')}`,
        undefined,
        `Din rolle (${ROLE_DA[actor.role]}) giver ikke adgang til dette; det er forbeholdt ${roles.map((r) => ROLE_DA[r]).join(', ')}`,
      );
    }
    return true;
  }
}
