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

  // The lookup itself is remembered, so the requests of one user that arrive together share one query.
  private readonly actors = new Map<string, { actor: Promise<Actor | null>; at: number }>();

  private currentActor(userId: string): Promise<Actor | null> {
    const hit = this.actors.get(userId);
    if (hit && Date.now() - hit.at < ACTOR_CACHE_MS) return hit.actor;
    const actor = (
      /^[0-9a-f-]{36}$/i.test(userId) ? this.users.findOne({ where: { id: userId } }) : Promise.resolve(null)
    ).then((u) => (this.usable(u) ? toActor(u) : null));
    if (this.actors.size > 10_000) this.actors.clear();
    const entry = { actor, at: Date.now() };
    this.actors.set(userId, entry);
    // A failed lookup (database down) is not remembered: the next request asks again.
    actor.catch(() => this.actors.get(userId) === entry && this.actors.delete(userId));
    return actor;
  }
}

export function toActor(u: UserEntity): Actor {
  return { userId: u.id, email: u.email, role: u.role, regionCode: u.regionCode, cancerAreas: u.cancerAreas };
}
