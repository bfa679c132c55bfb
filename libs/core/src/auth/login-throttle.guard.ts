import { ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard } from '@nestjs/throttler';
import { DomainError } from '../errors/domain-error';

/** @nestjs/throttler for the GraphQL `login` mutation: the request lives in the GraphQL context, not in HTTP args. */
@Injectable()
export class GqlThrottlerGuard extends ThrottlerGuard {
  protected override getRequestResponse(context: ExecutionContext) {
    const ctx = GqlExecutionContext.create(context).getContext();
    return { req: ctx.req, res: ctx.req.res ?? ctx.res };
  }

  protected override async throwThrottlingException(): Promise<void> {
    throw new DomainError('TOO_MANY_REQUESTS', 'Too many login attempts; wait a minute and try again');
  }
}
