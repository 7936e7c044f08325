// The InputError a reader or loader throws, for tests that assert on its file, line and message.
import { InputError } from '../../src/transcript/input-error.js';

export function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}
