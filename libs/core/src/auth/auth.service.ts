import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { CancerArea, Role } from '../domain/enums';
import { DomainError } from '../errors/domain-error';
import { Actor } from './actor';
import { verifyPassword } from './password';
import { UserEntity } from './user.entity';

interface TokenClaims {
  sub: string;
  email: string;
  role: Role;
  region: number | null;
  areas: CancerArea[];
  exp?: number;
}

const ACTOR_CACHE_MS = 5_000;

// Compared against when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password.
const DUMMY_HASH = '$2b$10$SRXIZNBuo5VeDfJnNrCjl.xM.TvRBiFDepH4UIQ352bwzcNuAAi8y';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** Demo logins exist for demo mode only: a database once started in demo mode keeps them, but they stop working. */
  private usable(u: UserEntity | null): u is UserEntity {
    return !!u && u.active && (this.config.demoMode || !u.demo);
  }

  async login(email: string, password: string): Promise<{ accessToken: string; actor: Actor }> {
    const user = await this.users.findOne({ where: { email: email.trim().toLowerCase() } });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!ok || !this.usable(user)) throw new DomainError('UNAUTHENTICATED', 'Wrong e-mail or password');
    const actor = toActor(user);
    const claims: TokenClaims = {
      sub: actor.userId,
      email: actor.email,
      role: actor.role,
      region: actor.regionCode,
      areas: actor.cancerAreas,
    };
    return { accessToken: await this.jwt.signAsync(claims), actor };
  }

  /**
   * A valid token names the user; role, region and areas come from the user row (cached briefly), so a deactivated
   * user or a changed role takes effect within seconds rather than when the token expires.
   */
  async verify(token: string): Promise<Actor> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'Invalid or expired token; log in again');
    }
    // jsonwebtoken accepts a token without `exp` as valid forever; every token we issue has one.
    if (typeof claims.exp !== 'number')
      throw new DomainError('UNAUTHENTICATED', 'Invalid token (no expiry); log in again');
    const actor = await this.currentActor(claims.sub);
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'This user no longer has access; contact the secretariat');
    return actor;
  }

  private readonly actors = new Map<string, { actor: Actor | null; at: number }>();

  private async currentActor(userId: string): Promise<Actor | null> {
    const hit = this.actors.get(userId);
    if (hit && Date.now() - hit.at < ACTOR_CACHE_MS) return hit.actor;
    const u = /^[0-9a-f-]{36}$/i.test(userId) ? await this.users.findOne({ where: { id: userId } }) : null;
    const actor = this.usable(u) ? toActor(u) : null;
    if (this.actors.size > 10_000) this.actors.clear();
    this.actors.set(userId, { actor, at: Date.now() });
    return actor;
  }
}

export function toActor(u: UserEntity): Actor {
  return { userId: u.id, email: u.email, role: u.role, regionCode: u.regionCode, cancerAreas: u.cancerAreas };
}
