import { describe, expect, it } from 'vitest';
import { validatedOnce } from '../../src/platform/validated-once.js';

describe('validatedOnce', () => {
  it('validates a text once per kind, and gives each caller its own copy', () => {
    let validations = 0;
    const validate = () => {
      validations++;
      return { list: [1, 2], nested: { value: 'a' } };
    };
    const text = `tekst ${Math.random()}`;
    const first = validatedOnce('test', text, validate);
    first.nested.value = 'changed by the first caller';
    first.list.push(3);
    const second = validatedOnce('test', text, validate);
    expect(validations).toBe(1);
    expect(second).toEqual({ list: [1, 2], nested: { value: 'a' } });
    // The same text as another kind is validated as that kind.
    validatedOnce('other', text, validate);
    expect(validations).toBe(2);
  });

  it('keeps no failed validation', () => {
    const text = `fout ${Math.random()}`;
    expect(() => validatedOnce('test', text, () => {
      throw new Error('invalid');
    })).toThrow('invalid');
    expect(validatedOnce('test', text, () => 'valid now')).toBe('valid now');
  });
});
