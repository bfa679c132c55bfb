import { isValidISODate } from '@app/deadline';
import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Marks a LocalDate input field for the ValidationPipe (whitelisting needs a decorator on every field) and checks
 * it is a real calendar date, in case the value did not come through the LocalDate scalar.
 */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (v: unknown) => isValidISODate(v),
        defaultMessage: (a) => `${a?.property} must be a real calendar date YYYY-MM-DD`,
      },
    },
    options,
  );
}
