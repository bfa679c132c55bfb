/**
 * Thrown for any invalid input to the deadline module. `field` names the offending input (e.g. 'clockStart',
 * 'pauses[1].to') so the API layer can report it as BAD_USER_INPUT against the right field.
 */
export class DeadlineInputError extends Error {
  override readonly name = 'DeadlineInputError';
  readonly code = 'DEADLINE_INPUT_INVALID';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
