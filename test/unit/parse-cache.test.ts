import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { BUNDLED_DIR } from '../../src/dilemma/bundled.js';
import { parseTreeFile } from '../../src/dilemma/load.js';
import { LeertuinError } from '../../src/errors.js';
import { cachedParse } from '../../src/platform/parse-cache.js';


function folder(): string {
  return mkdtempSync(join(tmpdir(), 'leertuin-cache-'));
}

describe('parse cache', () => {
  it('parses once per text, and again when the text changes', () => {
    const cache = join(folder(), 'cache');
    let parses = 0;
    const parse = (value: string) => () => {
      parses++;
      return { value };
    };
    expect(cachedParse(cache, '/x/a.yaml', 'a: 1', parse('first'))).toEqual({ value: 'first' });
    expect(cachedParse(cache, '/x/a.yaml', 'a: 1', parse('second'))).toEqual({ value: 'first' });
    expect(parses).toBe(1);
    expect(cachedParse(cache, '/x/a.yaml', 'a: 2', parse('third'))).toEqual({ value: 'third' });
    expect(parses).toBe(2);
    // One entry per file: the changed text replaced the old one.
    expect(readdirSync(cache)).toHaveLength(1);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    expect(statSync(join(cache, readdirSync(cache)[0]!)).mode & 0o777).toBe(0o600);
  });

  it('keys entries by file and by the code that validated them', () => {
    const cache = join(folder(), 'cache');
    cachedParse(cache, '/x/a.yaml', 'a: 1', () => 'a');
    expect(cachedParse(cache, '/x/b.yaml', 'a: 1', () => 'b')).toBe('b');
    // Another build may validate differently.
    expect(cachedParse(cache, '/x/a.yaml', 'a: 1', () => 'other code', 'build-b')).toBe('other code');
    // Without a build nothing is kept.
    expect(cachedParse(cache, '/x/c.yaml', 'a: 1', () => 'c', '')).toBe('c');
    expect(cachedParse(cache, '/x/c.yaml', 'a: 1', () => 'not kept', '')).toBe('not kept');
  });

  it('never keeps a failed parse, and ignores an entry it cannot read', () => {
    const cache = join(folder(), 'cache');
    expect(() =>
      cachedParse(cache, '/x/a.yaml', 'bad', () => {
        throw new Error('invalid');
      }),
    ).toThrow('invalid');
    expect(cachedParse(cache, '/x/a.yaml', 'bad', () => 'parsed')).toBe('parsed');
    const entry = join(cache, readdirSync(cache)[0]!);
    writeFileSync(entry, '{ not json');
    expect(cachedParse(cache, '/x/a.yaml', 'bad', () => 'again')).toBe('again');
  });

  it('works without a writable cache folder', () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere; a file where the folder should be stops root too
      const parent = folder();
      writeFileSync(join(parent, 'cache'), 'not a folder');
      expect(cachedParse(join(parent, 'cache'), '/x/a.yaml', 'a: 1', () => 'parsed')).toBe('parsed');
      return;
    }
    const parent = folder();
    chmodSync(parent, 0o500);
    expect(cachedParse(join(parent, 'cache'), '/x/a.yaml', 'a: 1', () => 'parsed')).toBe('parsed');
  });
});

describe('configuration through the parse cache', () => {
  function home(userConfig: string) {
    const dir = folder();
    const env = { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache'), XDG_STATE_HOME: join(dir, 'state') };
    mkdirSync(join(dir, 'config', 'leertuin'), { recursive: true });
    writeFileSync(join(dir, 'config', 'leertuin', 'config.yaml'), userConfig);
    mkdirSync(join(dir, 'work'));
    return { env, cwd: join(dir, 'work'), file: join(dir, 'config', 'leertuin', 'config.yaml') };
  }

  it('gives the same configuration from the cache as from the file', () => {
    const { env, cwd } = home('author:\n  name: "  Fictieve Naam "\n  domain: zorg\nprincipal: fictief@voorbeeld.nl\n');
    const first = loadConfig({}, env, cwd);
    expect(readdirSync(join(env.XDG_CACHE_HOME, 'leertuin', 'config'))).toHaveLength(1);
    const second = loadConfig({}, env, cwd);
    expect(second).toEqual(first);
    expect(second.author).toEqual({ name: 'Fictieve Naam', domain: 'zorg' });
    expect(second.principal).toEqual({ value: 'fictief@voorbeeld.nl', source: 'user' });
  });

  it('still reports an invalid file with its place, every time', () => {
    const { env, cwd, file } = home('author:\n  domain: zorg\n');
    loadConfig({}, env, cwd);
    writeFileSync(file, 'author:\n  domain: ruimtevaart\n');
    for (let i = 0; i < 2; i++) {
      let error: unknown;
      try {
        loadConfig({}, env, cwd);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(LeertuinError);
      expect((error as LeertuinError).position).toMatchObject({ file, line: 2 });
    }
    expect(readFileSync(file, 'utf8')).toContain('ruimtevaart');
  });
});

describe('project dilemma files through the parse cache', () => {
  it('give the same data, pin and positions from the cache, the afspraak without a prototype', () => {
    const dir = folder();
    const file = join(dir, 'blauwe-plekken-wijkteam.yaml');
    copyFileSync(join(BUNDLED_DIR, 'blauwe-plekken-wijkteam.yaml'), file);
    const cache = join(dir, 'cache');
    const plain = parseTreeFile(file);
    const first = parseTreeFile(file, cache);
    const cached = parseTreeFile(file, cache);
    expect(readdirSync(join(cache, 'dilemmas'))).toHaveLength(1);
    expect(cached.file).toEqual(plain.file);
    expect(cached.pin).toEqual(plain.pin);
    expect(first.pin).toEqual(plain.pin);
    expect(cached.source.positionOf(['id'])).toEqual(plain.source.positionOf(['id']));
    if (cached.file.kind !== 'dilemma' || !cached.file.data.afspraak) throw new Error('fixture has no afspraak');
    expect(Object.getPrototypeOf(cached.file.data.afspraak.answers)).toBeNull();
  });
});

