// readConfig: flags over environment over defaults, and values it refuses with a message that says why.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.ts';
import { UsageError } from '../src/errors.ts';

describe('readConfig processes', () => {
  it('is 1 when neither --processes nor $BAOKU_PROCESSES is given', () => {
    expect(readConfig({}, {}).processes).toBe(1);
  });

  it('reads $BAOKU_PROCESSES', () => {
    expect(readConfig({}, { BAOKU_PROCESSES: '4' }).processes).toBe(4);
  });

  it('takes --processes over $BAOKU_PROCESSES', () => {
    expect(readConfig({ processes: '2' }, { BAOKU_PROCESSES: '8' }).processes).toBe(2);
  });

  it.each(['1', '64'])('accepts %s', (value) => {
    expect(readConfig({ processes: value }, {}).processes).toBe(Number(value));
  });

  it('returns a frozen config', () => {
    expect(Object.isFrozen(readConfig({ processes: '2' }, {}))).toBe(true);
  });

  it.each(['0', '65', '2.5', '-1', 'many', ''])(
    'refuses --processes %j, saying what it must be and where it is set',
    (value) => {
      const read = () => readConfig({ processes: value }, {});
      expect(read).toThrow(UsageError);
      expect(read).toThrow(
        `baoku: invalid configuration: processes: must be a whole number from 1 to 64, set by --processes or $BAOKU_PROCESSES (got ${JSON.stringify(value)})`,
      );
    },
  );

  it('refuses a bad $BAOKU_PROCESSES the same way', () => {
    expect(() => readConfig({}, { BAOKU_PROCESSES: 'all' })).toThrow(
      'processes: must be a whole number from 1 to 64, set by --processes or $BAOKU_PROCESSES (got "all")',
    );
  });
});
