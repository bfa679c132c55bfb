import * as bcrypt from 'bcryptjs';
import { badInput } from '../errors/domain-error';

const BCRYPT_ROUNDS = 10;

export const MIN_PASSWORD_LENGTH = 12;

// The most common passwords of at least 12 characters in public breach lists, plus Danish and product-specific ones.
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '1234567891011',
  '111111111111',
  '000000000000',
  '123123123123',
  '121212121212',
  '123412341234',
  'qwertyuiopasdfghjkl',
  'qwertyuiopas',
  'qwertyuiop123',
  'qwerty123456',
  'qwertyqwerty',
  'asdfghjkl123',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'zaq12wsxcde3',
  'q1w2e3r4t5y6',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'password123!',
  'Password1234',
  'Password123!',
  'p@ssw0rd1234',
  'iloveyou1234',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'sunshine1234',
  'football1234',
  'baseball1234',
  'princess1234',
  'trustno11234',
  'abcdefghijkl',
  'abcd1234abcd',
  'abc123abc123',
  'aaaaaaaaaaaa',
  'administrator',
  'administrator1',
  'admin1234567',
  'adminadmin123',
  'changeme1234',
  'changemenow!',
  'myspace12345',
  'monkey123456',
  'dragon123456',
  'master123456',
  'superman1234',
  'starwars1234',
  'computer1234',
  'internet1234',
  'whatever1234',
  'kodeord12345',
  'adgangskode1',
  'adgangskode12',
  'adgangskode123',
  'sommer2024!!',
  'sommer202412',
  'vinter202412',
  'kodeordet123',
  'hemmelig1234',
  'danmark12345',
  'danmark123456',
  'kobenhavn1234',
  'velkommen123',
  'velkommen1234',
  'specialenhed',
  'specialenhed1',
  'kapacitet123',
  'capacityexchange',
  'demodemodemo',
]);

/**
 * Password rules for real users (CLI and any user admin): at least 12 characters, not a common password, not a
 * single repeated character, not the e-mail's local part. Demo users (password `demo`) only exist in demo mode.
 */
export function assertAcceptablePassword(password: string, email?: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw badInput('password', `Password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  const lower = password.toLowerCase();
  const local = email?.split('@')[0]?.toLowerCase();
  if (
    COMMON_PASSWORDS.has(lower) ||
    COMMON_PASSWORDS.has(password) ||
    /^(.)\1+$/.test(password) ||
    (local && lower.includes(local) && local.length >= 4)
  ) {
    throw badInput(
      'password',
      'This password is too common or too easy to guess; choose another (e.g. a sentence of several words)',
    );
  }
}

export const hashPassword = (plain: string) => bcrypt.hash(plain, BCRYPT_ROUNDS);
export const verifyPassword = (plain: string, hash: string) => bcrypt.compare(plain, hash);
