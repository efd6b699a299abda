import { MOTIVATION_CAP } from '../model.js';
import { defineFormat } from './format.js';

/** The report as one JSON document for scripts (docs/review-json.md), with --fail-on's result. */
export const json = defineFormat({
  name: 'json',
  extensions: ['.json'],
  terminal: false,
  motivations: MOTIVATION_CAP,
  streams: false,
  load: async () => {
    const { formatJson } = await import('../format-json.js');
    return { render: (report, { failOn }) => formatJson(report, failOn) };
  },
});
