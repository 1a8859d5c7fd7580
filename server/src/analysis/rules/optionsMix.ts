// args/options-mix: core's set_options reads the words of Options one by one
// and refuses mixes that each word alone would pass (verified on 2.4.71), in
// its order: a signed word after unsigned ones, or an unsigned one after
// signed ones, is "Either all Options must start with + or -, or no Option
// may." (Options +Indexes FollowSymLinks), except that signed words may follow
// a first None or All (Options None +Indexes is accepted); None or All after
// another word is "'Options None' must be the first Option given." (or
// "'Options All' must be the first option given."); a signed None or All is
// "You may not use 'Options +None' or 'Options -None'." An unknown word is
// args/invalid-value's.
import { forEachLiveNode } from '../liveNodes';
import type { Rule } from '../types';

export const optionsMix: Rule = {
  id: 'args/options-mix',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/core.html#options',
  summary: '`Options` mixes words with and without + or -, puts None or All after another word, or signs None or All.',
  check({ file, scope, report }) {
    forEachLiveNode(file, scope, (node) => {
      if (node.kind !== 'directive' || node.name.toLowerCase() !== 'options' || node.args.some((arg) => arg.value.includes('${'))) return;
      // set_options' state: the first word, any signed word so far, a first None or All.
      let first = true;
      let merge = false;
      let allOrNone = false;
      for (const arg of node.args) {
        const sign = arg.value[0] === '+' || arg.value[0] === '-';
        const word = (sign ? arg.value.slice(1) : arg.value).toLowerCase();
        const refuse = (apache: string, advice: string) => report({ range: arg.range, message: `Apache refuses this Options line: "${apache}" ${advice}` });
        if ((sign && !merge && !first && !allOrNone) || (!sign && !first && merge)) {
          refuse('Either all Options must start with + or -, or no Option may.', 'Give every word a sign (to change what is inherited) or none (to replace it).');
          return;
        }
        if (sign) merge = true;
        if (word === 'none' || word === 'all') {
          const name = word === 'none' ? 'None' : 'All';
          if (!first) {
            refuse(word === 'none' ? "'Options None' must be the first Option given." : "'Options All' must be the first option given.", `${name} sets every option at once: put it first, or leave it out.`);
            return;
          }
          if (merge) {
            refuse(`You may not use 'Options +${name}' or 'Options -${name}'.`, `Write Options ${name} on its own, without a sign.`);
            return;
          }
          allOrNone = true;
        }
        first = false;
      }
    });
  },
};
