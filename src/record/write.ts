import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { LeertuinError } from '../errors.js';
import { t } from '../i18n/index.js';
import { writeFileAtomic } from '../platform/atomic.js';

/**
 * Writes a new record into `dir`, atomically and never over an existing file (nor through a
 * symlink placed at its name). The file name must be a plain name: it cannot leave the folder.
 */
export function writeNewRecord(dir: string, fileName: string, text: string): string {
  if (basename(fileName) !== fileName || !/^[0-9a-z][0-9a-z.-]*\.md$/.test(fileName)) {
    throw new LeertuinError('bad-record-name', t('record.badName', { name: fileName }));
  }
  const target = resolve(dir, fileName);
  const failed = (error: unknown) =>
    new LeertuinError('record-write-failed', t('record.writeFailed', { file: join(dir, fileName), reason: (error as NodeJS.ErrnoException).code ?? String(error) }), {
      hint: t('record.writeFailedHint'),
    });
  try {
    // Apart from the write: a file where the folder should be is EEXIST too, but no record exists.
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw failed(error);
  }
  try {
    writeFileAtomic(target, text, { exclusive: true, mode: 0o644 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new LeertuinError('record-exists', t('record.exists', { file: target }), { hint: t('record.existsHint'), exitCode: 1 });
    }
    throw failed(error);
  }
  return target;
}
