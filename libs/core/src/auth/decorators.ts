import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Role } from '../domain/enums';
import { Actor } from './actor';

export const IS_PUBLIC = 'cx:isPublic';
export const ROLES = 'cx:roles';

/** No token needed (login, health). Everything else requires a valid bearer token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these roles may call the handler; others get FORBIDDEN. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export function requestOf(ctx: ExecutionContext): { headers: Record<string, string | undefined>; actor?: Actor } {
  if (ctx.getType<string>() === 'graphql') return GqlExecutionContext.create(ctx).getContext().req;
  return ctx.switchToHttp().getRequest();
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = requestOf(ctx).actor;
  if (!actor) throw new Error('CurrentActor used on a public handler');
  return actor;
});
