import { setLanguage } from '../../src/i18n/index.js';

/*
 * A test worker runs its test files one after another in the same process, without loading the
 * modules anew for each (isolate: false, see vitest.config.ts). Each file starts from the state a
 * fresh process has: the interface language is the default (several files set 'en' for a while).
 */
setLanguage('nl');
