import { tlsProfile } from '../../knowledge/tlsProfiles';
import { firstWord, forEachLiveDirective, inForce, serverConfigKnown } from '../tlsSettings';
import type { Rule } from '../types';

const WHY =
  'The ticket key lives as long as the Apache process, so without a restart every day or so one stolen key decrypts ' +
  'every recorded session that used it: tickets undo forward secrecy.';

export const sslSessionTickets: Rule = {
  id: 'ssl/session-tickets',
  severity: 'hint',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslsessiontickets',
  summary: 'Session tickets are on (the default): forward secrecy depends on restarting Apache often.',
  check({ file, scope, settings, report }) {
    const profile = tlsProfile(settings.tlsProfile);
    forEachLiveDirective(file, scope, ['sslsessiontickets', 'sslengine'], (node) => {
      const name = node.name.toLowerCase();
      const value = firstWord(node);
      if (name === 'sslsessiontickets' && value === 'on') {
        report({ range: node.range, message: `${WHY} SSLSessionTickets off avoids that, at the cost of full handshakes for returning clients without a session cache.` });
      } else if (name === 'sslengine' && value === 'on' && profile && serverConfigKnown(scope) && !inForce(scope, node, 'sslsessiontickets')) {
        report({
          range: node.range,
          message: `Session tickets are on by default. ${WHY} The Mozilla ${profile.name} profile sets SSLSessionTickets off.`,
          data: { profile: profile.name, missing: true },
        });
      }
    });
  },
};
