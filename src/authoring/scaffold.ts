import { readFileSync } from 'node:fs';
import { t } from '../i18n/index.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Document } from 'yaml';
import { PROJECT_FILE } from '../platform/locate.js';
import { treeSchemas, type DilemmaFile, type KaderFile } from '../dilemma/schema.js';
import type { TreeFile } from '../dilemma/model.js';
import { markdownText } from '../record/render.js';
import { compileTemplate } from '../record/template.js';
import { oneLine } from '../platform/text.js';
import { parseYaml, validate, yaml } from '../platform/yaml-source.js';
import { recordSourceHashes, translationStates } from './translations.js';

/** The templates that ship with the tool; a project may put its own `templates/dilemma.yaml` beside `.leertuin.yaml`. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export const EXAMPLE_DILEMMA_ID = 'voorbeeld-mentor';

/**
 * Every file `init` writes starts with a comment naming it, so a later `init --force` knows which
 * files it made and never overwrites anyone else's.
 */
const INIT_MARK = 'leertuin init';

export function madeByInit(content: string): boolean {
  const first = content.split('\n', 1)[0] ?? '';
  return first.startsWith(`# ${INIT_MARK}`) || first.startsWith(`<!-- ${INIT_MARK}`);
}

export function readTemplate(name: string, dir = TEMPLATES_DIR): string {
  return readFileSync(join(dir, name), 'utf8');
}

export interface InitOptions {
  organisation?: string;
  language: 'nl' | 'en';
  /** The user's own `allowed_signers` line, when they have a key. */
  signerLine?: string;
}

export interface PlannedFile {
  /** Relative to the project folder, with forward slashes. */
  path: string;
  content: string;
}

const GITATTRIBUTES = `# ${INIT_MARK}: how git stores this leertuin's files.
# Records are signed. -text stores and checks them out exactly as written (no CRLF/LF
# conversion on any platform), so a record's bytes, and any hash taken of the file, stay the same.
# Its signature would survive a conversion (it covers the text with LF line endings), but a
# record that changes on checkout is one nobody can compare byte for byte any more.
records/**/*.md -text
# ssh-keygen reads allowed_signers line by line; a CR at the end of a line is not part of a key.
allowed_signers text eol=lf
`;

function allowedSigners(signerLine: string | undefined): string {
  return [
    `# ${INIT_MARK}: wie verslagen mag ondertekenen / who may sign records.`,
    '# Eén regel per sleutel; `leertuin keygen` toont de regel. / One line per key; `leertuin keygen` prints it.',
    '# principal namespaces="leertuin-record" ssh-ed25519 AAAA...',
    ...(signerLine ? [signerLine] : []),
    '',
  ].join('\n');
}

/** What `init` writes: the project config, trust, git attributes, a README and one example dilemma. */
export function initFiles(options: InitOptions, templatesDir = TEMPLATES_DIR): PlannedFile[] {
  const config = compileTemplate(readTemplate('leertuin.yaml', templatesDir))({
    // JSON's string syntax is valid YAML, so any name is written safely.
    organisation: options.organisation ? JSON.stringify(options.organisation) : '',
    language: options.language,
  });
  const readme = compileTemplate(readTemplate('README.trainer.md', templatesDir))({
    organisation: options.organisation ? markdownText(oneLine(options.organisation)) : '',
    example: EXAMPLE_DILEMMA_ID,
  });
  return [
    { path: PROJECT_FILE, content: `# ${INIT_MARK}\n${config}` },
    { path: 'allowed_signers', content: allowedSigners(options.signerLine) },
    { path: '.gitattributes', content: GITATTRIBUTES },
    { path: 'README.md', content: `<!-- ${INIT_MARK} -->\n${readme}` },
    { path: `dilemmas/${EXAMPLE_DILEMMA_ID}.yaml`, content: `# ${INIT_MARK}: ${EXAMPLE_DILEMMA_ID}\n${exampleDilemma(templatesDir)}` },
  ];
}

/** The example dilemma with every translation's source hash recorded, so it lints clean and shows how. */
function exampleDilemma(templatesDir: string): string {
  const text = readTemplate('example-dilemma.yaml', templatesDir);
  const source = parseYaml(text, `${EXAMPLE_DILEMMA_ID}.yaml`);
  const file = asTreeFile(validate(source, treeSchemas().file, 'invalid-template', t('format.hint')));
  return recordSourceHashes(
    text,
    translationStates(file, source.data).map(({ path, language, hash }) => ({ path, language, hash })),
  );
}

function asTreeFile(data: DilemmaFile | KaderFile): TreeFile {
  return data.kind === 'kader' ? { kind: 'kader', data } : { kind: 'dilemma', data };
}

export interface DilemmaValues {
  id: string;
  title: string;
  case: string;
  kader: string;
}

/**
 * A new dilemma from the template: its id, title, case and kader set through the YAML document,
 * so the template's comments and layout stay, and any text is quoted as YAML needs.
 */
export function scaffoldDilemma(template: string, values: DilemmaValues): string {
  const doc = yaml().parseDocument(template, { version: '1.2' });
  setKeepingStyle(doc, 'id', values.id);
  setKeepingStyle(doc, 'title', values.title);
  setKeepingStyle(doc, 'case', values.case);
  setKeepingStyle(doc, 'kader', values.kader);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function setKeepingStyle(doc: Document, key: string, value: string): void {
  const node = doc.get(key, true);
  if (yaml().isScalar(node)) node.value = value;
  else doc.set(key, value);
}
