import { QueryFailedError } from 'typeorm';
import { ControlCharacterPipe, findControlCharacter } from './control-characters.pipe';
import { loggableError, normaliseError } from './error-format';

const pgError = (code: string, parameters: unknown[]) =>
  new QueryFailedError(
    'INSERT INTO pathway_pause (note) VALUES ($1)',
    parameters,
    Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code,
      detail: `Key (note)=(${String(parameters[0])})`,
    }),
  );

describe('input errors', () => {
  it('PostgreSQL 22021 (NUL / invalid UTF-8) is BAD_USER_INPUT, not an internal error', () => {
    expect(normaliseError(pgError('22021', ['secret\u0000']))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(normaliseError(pgError('22P05', ['x']))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('the error log keeps no query parameters or value-quoting detail', () => {
    const logged = JSON.stringify(loggableError(pgError('XX000', ['patient-note-secret', 'other-value'])));
    expect(logged).toContain('INSERT INTO pathway_pause');
    expect(logged).toContain('XX000');
    expect(logged).not.toMatch(/patient-note-secret|other-value/);
    const plain = new Error('boom');
    expect(loggableError(plain)).toBe(plain);
  });

  it('the control-character pipe names the field of GraphQL args and REST params', () => {
    const pipe = new ControlCharacterPipe();
    expect(() => pipe.transform('a\u0000', { type: 3 as never, data: 'id' })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'id' }),
    );
    expect(() =>
      pipe.transform(
        { pathwayId: 'x', note: 'fine\nline\ttab', tags: ['ok', 'b\u0007'] },
        { type: 'body', data: 'input' },
      ),
    ).toThrow(expect.objectContaining({ field: 'tags' }));
    expect(() => pipe.transform('x\u001b', { type: 'param', data: 'id' })).toThrow(
      expect.objectContaining({ field: 'id' }),
    );
    expect(pipe.transform({ note: 'Linje 1\r\nLinje 2\tø' }, { type: 3 as never, data: 'input' })).toEqual({
      note: 'Linje 1\r\nLinje 2\tø',
    });
    // The parent object and the actor are not client input.
    expect(pipe.transform({ note: '\u0000' }, { type: 'custom' })).toEqual({ note: '\u0000' });
    expect(findControlCharacter({ a: { b: '\u007f' } }, 'input')).toBe('b');
  });
});
