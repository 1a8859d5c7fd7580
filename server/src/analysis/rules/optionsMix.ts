// args/options-mix: core reads the words of Options one by one and refuses
// three mixes that each word alone would pass (verified on 2.4.71):
// "Either all Options must start with + or -, or no Option may." (Options
// +Indexes FollowSymLinks), "'Options None' must be the first Option given."
// (Options All None) and "You may not use 'Options +None' or 'Options -None'."
// (likewise +All and -All). An unknown word is args/invalid-value's.
import { forEachLiveNode } from '../liveNodes';
import type { Rule } from '../types';

export const optionsMix: Rule = {
  id: 'args/options-mix',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/core.html#options',
  summary: '`Options` mixes words with and without + or -, puts None after another word, or signs None or All.',
  check({ file, scope, report }) {
    forEachLiveNode(file, scope, (node) => {
      if (node.kind !== 'directive' || node.name.toLowerCase() !== 'options' || node.args.some((arg) => arg.value.includes('${'))) return;
      let signed: boolean | undefined;
      for (const [index, arg] of node.args.entries()) {
        const sign = arg.value[0] === '+' || arg.value[0] === '-' ? arg.value[0] : '';
        const word = (sign ? arg.value.slice(1) : arg.value).toLowerCase();
        const refuse = (apache: string, advice: string) => report({ range: arg.range, message: `Apache refuses this Options line: "${apache}" ${advice}` });
        if (sign && (word === 'none' || word === 'all')) {
          const name = word === 'none' ? 'None' : 'All';
          refuse(`You may not use 'Options +${name}' or 'Options -${name}'.`, `Write Options ${name} on its own, without a sign.`);
          return;
        }
        if (word === 'none' && index > 0) {
          refuse("'Options None' must be the first Option given.", 'None switches every option off: put it first, or leave it out.');
          return;
        }
        if (signed !== undefined && signed !== (sign !== '')) {
          refuse('Either all Options must start with + or -, or no Option may.', 'Give every word a sign (to change what is inherited) or none (to replace it).');
          return;
        }
        signed = sign !== '';
      }
    });
  },
};
