import { assertAcceptablePassword } from './password';

describe('password rules for real users', () => {
  it.each([
    'demo',
    'short-pw',
    '12345678901',
    'password1234',
    'Password123!',
    'qwertyuiopas',
    '123456789012',
    'aaaaaaaaaaaaaaa',
    'adgangskode123',
    'anna.jensen-2026',
  ])('refuses %p', (pw) =>
    expect(() => assertAcceptablePassword(pw, 'anna.jensen@rm.dk')).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'password' }),
    ),
  );
  it.each(['korrekt hest batteri hæfteklamme', 'Tre-blå-elefanter-i-Vejle', 'x7#Lq9!mZ2@p'])('accepts %p', (pw) => {
    expect(() => assertAcceptablePassword(pw, 'anna.jensen@rm.dk')).not.toThrow();
  });
});
