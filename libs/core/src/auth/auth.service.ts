import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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
}

// Compared against when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password.
const DUMMY_HASH = '$2b$10$SRXIZNBuo5VeDfJnNrCjl.xM.TvRBiFDepH4UIQ352bwzcNuAAi8y';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly jwt: JwtService,
  ) {}

  async login(email: string, password: string): Promise<{ accessToken: string; actor: Actor }> {
    const user = await this.users.findOne({ where: { email: email.trim().toLowerCase() } });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) throw new DomainError('UNAUTHENTICATED', 'Wrong e-mail or password');
    const actor = toActor(user);
    const claims: TokenClaims = { sub: actor.userId, email: actor.email, role: actor.role, region: actor.regionCode, areas: actor.cancerAreas };
    return { accessToken: await this.jwt.signAsync(claims), actor };
  }

  async verify(token: string): Promise<Actor> {
    try {
      const c = await this.jwt.verifyAsync<TokenClaims>(token);
      return { userId: c.sub, email: c.email, role: c.role, regionCode: c.region, cancerAreas: c.areas ?? [] };
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'Invalid or expired token; log in again');
    }
  }

  async findActor(userId: string): Promise<Actor | null> {
    const u = await this.users.findOne({ where: { id: userId } });
    return u ? toActor(u) : null;
  }
}

export function toActor(u: UserEntity): Actor {
  return { userId: u.id, email: u.email, role: u.role, regionCode: u.regionCode, cancerAreas: u.cancerAreas };
}
