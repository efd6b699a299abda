/**
 * The third-party libraries the tool loads through util/vendor.ts, by the name they are loaded by,
 * and the npm package each is made from. `npm run build` bundles each into dist/vendor/<name>.cjs
 * (scripts/bundle.js reads this table from the build).
 */
export const VENDOR_LIBRARIES = {
  commander: 'commander',
  chalk: 'chalk',
  zod: 'zod',
  yaml: 'yaml',
  prompts: '@inquirer/prompts',
} as const;
