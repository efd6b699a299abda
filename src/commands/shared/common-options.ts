import { option } from '../define.js';

/** Options several commands share, each with one help text. */
export const sharedOption = {
  key: option.value('<file>', { help: 'cmd.key' }),
  allowedSigners: option.value('<file>', { help: 'cmd.allowedSigners' }),
  recordsOut: option.value('<dir>', { help: 'cmd.walk.out' }),
  reportOut: option.value('<file>', { help: 'cmd.review.out' }),
  includeUnverified: option.flag({ help: 'cmd.review.includeUnverified' }),
  allowIdentifying: option.text('<reason>', { help: 'cmd.walk.allowIdentifying' }),
  sign: option.negatable({ help: 'cmd.walk.noSign' }),
};
